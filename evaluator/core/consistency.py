"""The consistency judge's reading of an answer: sentences aligned with a key point, read against it.

The judge (:mod:`evaluator.core.judge`, a small cross-encoder trained offline in this repository) reads a
pair (key point statement, student sentence) as entailed, contradicted or unrelated. It is used only:

1. on sentences already aligned with a key point (cosine at least ``judge_alignment``), the closest
   ``judge_pairs`` pairs of the answer;
2. where no declared fact of that point already decided the sentence (facts are precise; they come first);
3. to *propose*: a margin of "contradicted" over the other labels from ``judge_check`` is a "check" for the
   mentor's review queue and costs nothing; only from ``judge_confirm``, a margin measured to be precise, is it
   wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from evaluator.core.factcheck import FactFinding
from evaluator.core.settings import ScoringSettings
from evaluator.core.text import AnalysedText


@dataclass(frozen=True)
class JudgedSentence:
    """A sentence the judge reads as contradicting a key point."""

    point_id: str
    verdict: Literal["wrong", "check"]
    sentence: int
    start: int
    end: int
    clause: str
    margin: float  # P(contradicted) minus the larger of the other two


def judge_sentences(analysed: AnalysedText, similarity: np.ndarray | None, statements: Sequence[tuple[str, str]],
                    findings: Sequence[FactFinding], settings: ScoringSettings, judge) -> tuple[JudgedSentence, ...]:  # noqa: ANN001
    """The sentences the judge reads as contradicting their closest key points (see the module docstring).

    Args:
        analysed: the answer.
        similarity: (sentences, points) cosines of the answer's sentences with the key points.
        statements: (point id, statement) of each key point, in the columns' order.
        findings: what declared facts already say of the answer's clauses.
        settings: ``judge_alignment``, ``judge_pairs``, ``judge_check``, ``judge_confirm``.
        judge: a :class:`~evaluator.core.judge.ConsistencyJudge`, or ``None`` (then nothing is read).
    """
    if judge is None or similarity is None or not len(similarity) or settings.judge_pairs == 0 \
            or min(settings.judge_check, settings.judge_confirm) > 1:
        return ()
    decided = {(f.point_id, f.sentence) for f in findings}
    # 1. aligned pairs, the closest first, each sentence with its closest point only
    best = similarity.argmax(axis=1)
    pairs = [(float(similarity[s, p]), s, int(p)) for s, p in enumerate(best)
             if similarity[s, p] >= settings.judge_alignment and (statements[p][0], s) not in decided]
    pairs = sorted(pairs, reverse=True)[: settings.judge_pairs]
    if not pairs:
        return ()
    sentences = analysed.sentences
    verdicts = judge.judge([(statements[p][1], sentences[s].text) for _, s, p in pairs])
    found = []
    for (_, s, p), v in zip(pairs, verdicts, strict=True):
        verdict = "wrong" if v.margin >= settings.judge_confirm else "check" if v.margin >= settings.judge_check else None
        if verdict:
            span = sentences[s]
            found.append(JudgedSentence(statements[p][0], verdict, s, span.start, span.end,
                                        analysed.text[span.start:span.end], round(v.margin, 4)))
    return tuple(found)

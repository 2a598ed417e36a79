"""Score many answers in parallel, keeping every finished result in a run database.

``run_batch(items, rubric)`` turns :class:`~evaluator.io.sources.AnswerItem` s into one
:class:`ResultRow` each, in input order. Work is sent to joblib in small chunks (local
processes with ``jobs > 1``, a Dask cluster with ``scheduler``); each finished chunk
goes into the :class:`RunStore` at once, so a run that is stopped and started again
with the same store scores only the answers it has not finished.

A stored result is reused only for the same answer text, student, question, rubric
question definition, scoring options and evaluator code (see :func:`content_hash`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from evaluator.agreement.calibration import RubricCalibration
from evaluator.batch.review import review_flags
from evaluator.batch.rows import ERROR_OUTCOME, ROW_FORMAT, ResultRow
from evaluator.core.embedding import get_encoder
from evaluator.core.results import Evaluation
from evaluator.core.scoring import evaluate
from evaluator.io.ingest import AnswerFile, IngestError, read_answer_bytes
from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits
from evaluator.io.sources import AnswerItem
from evaluator.rubrics.model import Question, Rubric
from evaluator.store.runs import RunStore

log = logging.getLogger(__name__)

FEEDBACK_CHARS = 240
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs.

    Attributes:
        jobs: worker processes (1: in this process; -1: one per core). Ignored with ``scheduler``.
        semantic: use sentence embeddings (False: keyword and fuzzy matching only, faster).
        chunk_size: answers sent to a worker at a time (and written to the store together).
        scheduler: address of a Dask scheduler (``tcp://host:8786``) to run the chunks on.
        limits: the limits photos and scans are read under (pages, pixels, OCR seconds per page).
    """

    jobs: int = 1
    semantic: bool = True
    chunk_size: int = 8
    scheduler: str | None = None
    limits: SourceLimits = DEFAULT_LIMITS


@dataclass(frozen=True)
class BatchResult:
    """Rows in input order, and how many were scored now vs. taken from the run store."""

    rows: list[ResultRow]
    scored: int
    reused: int


def score_item(item: AnswerItem, rubric: Rubric, *, semantic: bool = True,
               calibration: RubricCalibration | None = None, limits: SourceLimits = DEFAULT_LIMITS) -> ResultRow:
    """Score one answer into a row, stamped with the rubric version; a problem becomes an error row, never an exception.

    With a ``calibration`` fitted for this rubric version, the marks are on the mentor's scale. A photo or
    scan (``item.scan``) is read by OCR here first, so a batch's workers share that work too.

    >>> from evaluator import load_rubric
    >>> row = score_item(AnswerItem("a.txt", "a.txt", "a", "Q2", ""), load_rubric("rubrics/india_us_defence.yaml"))
    >>> (row.outcome, row.marks, row.max_marks, row.error)
    ('empty', None, 10.0, 'a.txt: The answer is empty: type or paste your answer, then evaluate.')
    """
    read = None
    if item.scan is not None and item.error is None:
        try:
            read = read_answer_bytes(item.key, item.scan, limits=limits)
        except IngestError as exc:
            item = replace(item, error=str(exc))
        else:
            item = replace(item, text=read.text)
    row = _score_item(item, rubric, semantic=semantic, calibration=calibration)
    return replace(row, rubric=f"{rubric.id}@v{rubric.version}", **_ocr_fields(read))


def _ocr_fields(read: AnswerFile | None) -> dict[str, object]:
    if read is None or read.ocr is None:
        return {}
    return {"ocr_text": read.text, "ocr_confidence": round(read.ocr.confidence, 3), "needs_review": read.needs_review}


def _score_item(item: AnswerItem, rubric: Rubric, *, semantic: bool,
                calibration: RubricCalibration | None) -> ResultRow:
    if item.error is not None or item.text is None or item.question_id is None:
        max_marks = rubric.question(item.question_id).marks if item.question_id in rubric.question_ids else None
        return ResultRow(item.key, item.student, item.question_id or "", None, max_marks, ERROR_OUTCOME,
                         error=item.error or f"{item.key}: no answer text")
    try:
        question = rubric.question(item.question_id)
    except KeyError as exc:
        return ResultRow(item.key, item.student, item.question_id, None, None, ERROR_OUTCOME,
                         error=f"{item.key}: {exc.args[0]}")
    try:
        result = evaluate_answer(item.text, question, rubric, semantic=semantic, calibration=calibration)
    except Exception as exc:  # noqa: BLE001 - one answer that trips a bug must not stop a 10,000-answer batch
        log.exception("%s: evaluation failed", item.key)
        return ResultRow(item.key, item.student, question.id, None, question.marks, ERROR_OUTCOME,
                         error=f"{item.key}: internal error while scoring ({type(exc).__name__}: {exc})")
    return ResultRow(
        key=item.key,
        student=item.student,
        question_id=question.id,
        marks=result.marks if result.ok else None,  # a refusal's 0 is not a mark a mentor should average
        max_marks=result.max_marks,
        outcome=result.outcome,
        word_count=result.word_count,
        points=tuple((p.id, p.status) for p in result.points),
        feedback=_feedback_summary(result),
        error="" if result.ok else f"{item.key}: {result.message}",
        scores=tuple(p.score for p in result.points),
        flags=review_flags(result),
        calibrated_on=result.calibration.answers if result.calibration else 0,
    )


def evaluate_answer(text: str, question: Question, rubric: Rubric, *, semantic: bool = True,
                    calibration: RubricCalibration | None = None) -> Evaluation:
    """An answer's evaluation as a batch gives it: semantic matching on or off, calibrated when the calibration
    was fitted for this rubric version. The review panel and the feedback sheets use it to see what a row saw."""
    settings = None if semantic else question.settings.model_copy(update={"semantic": False})
    result = evaluate(text, question, settings=settings)
    if calibration is not None and calibration.fits(rubric):
        result = calibration.apply(result, question)
    return result


def _feedback_summary(result: Evaluation) -> str:
    """The summary line, any red flag, and the ids of missing points, cut to ``FEEDBACK_CHARS``."""
    parts = [f.message for f in result.feedback if f.kind in ("summary", "warning")]
    missing = [f.point_id for f in result.feedback if f.kind == "missing" and f.point_id]
    if missing:
        parts.append("Missing: " + ", ".join(missing) + ".")
    text = " ".join(dict.fromkeys(parts))  # a refusal's message is both the summary and its warning
    return text if len(text) <= FEEDBACK_CHARS else text[: FEEDBACK_CHARS - 1].rsplit(" ", 1)[0] + "…"


SCORING_CODE = ("core", "rubrics/model.py", "batch/rows.py", "batch/runner.py", "batch/review.py",
                "agreement/calibration.py")  # what a stored row's marks depend on
READING_CODE = ("io/ocr.py", "io/layout.py", "io/scans.py")  # ... and a photo's or scan's, on how it was read


@lru_cache(maxsize=2)
def scorer_fingerprint(semantic: bool = True) -> str:
    """Hash of the scoring code and of the sentence encoder in use: rows stored by other code, or scored with
    another encoder backend (int8 ONNX, NumPy, none), are scored again. Shells, pages and help texts do not count."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(ROW_FORMAT.encode())
    for name in SCORING_CODE:
        for path in sorted((package / name).rglob("*.py")) if (package / name).is_dir() else [package / name]:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    encoder = get_encoder() if semantic else None
    digest.update(f"encoder:{encoder.backend if encoder else 'none'}".encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def reader_fingerprint() -> str:
    """Hash of the OCR code and of the engines installed: a photo's stored row is read again when either changes
    (a typed answer's row does not depend on them)."""
    from importlib.metadata import PackageNotFoundError, version

    from evaluator.io.ocr import engines

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in READING_CODE:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    try:
        rapidocr = version("rapidocr")
    except PackageNotFoundError:
        rapidocr = "none"
    digest.update(f"engines:{','.join(engines())};rapidocr:{rapidocr}".encode())
    return digest.hexdigest()[:16]


def question_fingerprints(rubric: Rubric) -> dict[str, str]:
    """A hash of each question's full definition (text, key points, keywords, settings), by id."""
    return {q.id: hashlib.sha256(q.model_dump_json().encode()).hexdigest()[:16] for q in rubric.questions}


def content_hash(item: AnswerItem, questions: dict[str, str], *, semantic: bool, calibration: str = "") -> str:
    """What a stored row depends on: the answer, its student and question, and how it is scored.

    Args:
        item: the answer.
        questions: :func:`question_fingerprints` of the rubric.
        semantic: whether sentence embeddings are used.
        calibration: the fingerprint of the calibration applied ("" for none).
    """
    question = questions.get(item.question_id or "", "")
    scan = hashlib.sha256(item.scan).hexdigest() + reader_fingerprint() if item.scan is not None else None
    payload = [scorer_fingerprint(semantic), question, semantic, item.student, item.question_id, item.text, item.error,
               scan]
    if calibration:
        payload.append(calibration)
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _score_chunk(chunk: list[tuple[int, AnswerItem]], rubric: Rubric, semantic: bool, limits: SourceLimits,
                 parent_pid: int, calibration: RubricCalibration | None = None) -> list[tuple[int, ResultRow]]:
    """Worker task: score a few answers. Runs in a loky or Dask worker, or in this process."""
    if os.getpid() != parent_pid:
        _limit_worker_threads()
    return [(i, score_item(item, rubric, semantic=semantic, calibration=calibration, limits=limits))
            for i, item in chunk]


@lru_cache(maxsize=1)
def _limit_worker_threads() -> None:
    """One BLAS/OpenMP thread per worker process, so N workers on N cores do not oversubscribe.

    loky workers already start with these variables (``inner_max_num_threads=1``); Dask
    worker processes get them here, before the first answer loads the sentence encoder
    (ONNX Runtime reads ``OMP_NUM_THREADS`` when its session is made).
    """
    from threadpoolctl import threadpool_limits

    for name in THREAD_VARS:
        os.environ.setdefault(name, "1")
    threadpool_limits(limits=1)


@contextmanager
def _parallel(options: BatchOptions) -> Iterator[int]:
    """The joblib backend for these options; yields the ``n_jobs`` to use with it."""
    from joblib import parallel_config

    if options.scheduler:
        from dask.distributed import Client

        with Client(options.scheduler, timeout="10s") as client, parallel_config(backend="dask"):
            log.info("running on the Dask cluster at %s (%d workers)", options.scheduler,
                     len(client.scheduler_info().get("workers", {})))
            yield -1
    elif options.jobs == 1:
        yield 1
    else:
        with parallel_config(backend="loky", inner_max_num_threads=1):
            yield options.jobs


def run_batch(
    items: Sequence[AnswerItem],
    rubric: Rubric,
    *,
    options: BatchOptions = BatchOptions(),
    store: RunStore | None = None,
    on_row: Callable[[ResultRow], None] | None = None,
    calibration: RubricCalibration | None = None,
) -> BatchResult:
    """Score every item, reusing rows already in ``store`` and adding new ones to it as they finish.

    Args:
        items: answers from :func:`~evaluator.io.sources.iter_items` or :func:`~evaluator.io.sources.iter_uploads`.
        rubric: the rubric every item's ``question_id`` belongs to.
        options: jobs, semantic matching, chunk size, Dask scheduler.
        store: where finished rows are kept; ``None`` keeps nothing.
        on_row: called with every row as it is ready (stored rows first), e.g. to move a progress bar.
        calibration: the rubric's calibration on mentor marks; applied when fitted for this rubric version.

    Returns:
        A :class:`BatchResult` with one row per item, in the order of ``items``.
    """
    if options.jobs == 0 or options.jobs < -1 or options.chunk_size < 1:
        raise ValueError(f"jobs must be -1 or at least 1 and chunk_size at least 1, got {options}")
    notify = on_row or (lambda row: None)
    rows: list[ResultRow | None] = [None] * len(items)
    fingerprints = question_fingerprints(rubric)
    if calibration is not None and not calibration.fits(rubric):
        calibration = None  # fitted for another version: its marks would mean nothing
    applied = calibration.fingerprint() if calibration is not None else ""
    digests = [content_hash(item, fingerprints, semantic=options.semantic, calibration=applied) for item in items]

    # 1. rows finished by an earlier run of the same answers
    stored = store.lookup(rubric, [(item.key, d) for item, d in zip(items, digests, strict=True)]) if store else {}
    for i, (item, digest) in enumerate(zip(items, digests, strict=True)):
        row = stored.get((item.key, digest))
        if row is not None:
            rows[i] = row
            notify(row)
    todo = [(i, item) for i, item in enumerate(items) if rows[i] is None]

    # 2. the rest, chunk by chunk, in whatever order the workers finish
    if todo:
        from joblib import Parallel, delayed

        chunks = [todo[s : s + options.chunk_size] for s in range(0, len(todo), options.chunk_size)]
        with _parallel(options) as n_jobs:
            parallel = Parallel(n_jobs=n_jobs, return_as="generator_unordered")
            tasks = (delayed(_score_chunk)(chunk, rubric, options.semantic, options.limits, os.getpid(), calibration)
                     for chunk in chunks)
            for done in parallel(tasks):
                if store is not None:
                    store.put(rubric, [(digests[i], row) for i, row in done])
                for i, row in done:
                    rows[i] = row
                    notify(row)
    return BatchResult([r for r in rows if r is not None], scored=len(todo), reused=len(items) - len(todo))



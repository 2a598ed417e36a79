"""Score many answers in parallel, keeping every finished result in a run database.

``run_batch(items, rubric)`` turns :class:`~evaluator.sources.AnswerItem` s into one
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
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from evaluator.attempts import set_wal
from evaluator.rubric import Rubric
from evaluator.scoring import Evaluation, evaluate
from evaluator.sources import AnswerItem

log = logging.getLogger(__name__)

ERROR_OUTCOME = "error"  # an answer that could not be read or matched to a question
FEEDBACK_CHARS = 240
MARK_BANDS = ((0.0, "0-25%"), (0.25, "25-50%"), (0.5, "50-75%"), (0.75, "75-100%"))  # share of max marks
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
SCORED_OUTCOME = "scored"  # the only outcome whose row carries marks
_ROW_FORMAT = "3"  # bump when ResultRow changes, so stored rows of the old shape are not reused (3: no 0 if refused)


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs.

    Attributes:
        jobs: worker processes (1: in this process; -1: one per core). Ignored with ``scheduler``.
        semantic: use sentence embeddings (False: keyword and fuzzy matching only, faster).
        chunk_size: answers sent to a worker at a time (and written to the store together).
        scheduler: address of a Dask scheduler (``tcp://host:8786``) to run the chunks on.
    """

    jobs: int = 1
    semantic: bool = True
    chunk_size: int = 8
    scheduler: str | None = None


@dataclass(frozen=True)
class ResultRow:
    """One answer's line in the results table.

    ``marks`` is ``None`` unless ``outcome == "scored"``: an answer refused as empty, too
    long, unreadable or not English (or an ``"error"`` row) has no marks, not zero, and
    ``error`` says why. ``max_marks`` is the question's, when the question is known.
    """

    key: str
    student: str
    question_id: str
    marks: float | None
    max_marks: float | None
    outcome: str
    word_count: int = 0
    points: tuple[tuple[str, str], ...] = ()  # (key point id, status) in rubric order
    feedback: str = ""
    error: str = ""
    rubric: str = ""  # "<rubric id>@v<version>" that produced the row

    def __post_init__(self) -> None:
        if self.marks is not None and self.outcome != SCORED_OUTCOME:
            raise ValueError(f"{self.key}: a row with outcome {self.outcome!r} has no marks (got {self.marks})")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResultRow:
        return cls(**{**data, "points": tuple((str(p), str(s)) for p, s in data.get("points", ()))})


@dataclass(frozen=True)
class BatchResult:
    """Rows in input order, and how many were scored now vs. taken from the run store."""

    rows: list[ResultRow]
    scored: int
    reused: int


@dataclass(frozen=True)
class QuestionMeans:
    """Mean marks of one question's scored answers."""

    scored: int
    mean_marks: float
    max_marks: float


@dataclass(frozen=True)
class BatchSummary:
    """Counts, means of the scored answers only, and the spread of marks over bands of max marks.

    Attributes:
        mean_share: mean of marks / max marks over every scored answer (comparable across questions).
        mean_marks: mean marks, only when every scored answer has the same ``max_marks`` (else ``None``:
            a mean of 10-mark and 15-mark answers means nothing).
        max_marks: that common maximum, or ``None``.
        questions: mean marks per question id, in order of first appearance.
    """

    count: int
    scored: int
    not_scored: int
    errors: int
    mean_share: float | None
    mean_marks: float | None = None
    max_marks: float | None = None
    questions: dict[str, QuestionMeans] = field(default_factory=dict)
    bands: dict[str, int] = field(default_factory=dict)


def score_item(item: AnswerItem, rubric: Rubric, *, semantic: bool = True) -> ResultRow:
    """Score one answer into a row, stamped with the rubric version; a problem becomes an error row, never an exception.

    >>> from evaluator import load_rubric
    >>> row = score_item(AnswerItem("a.txt", "a.txt", "a", "Q2", ""), load_rubric("rubrics/india_us_defence.yaml"))
    >>> (row.outcome, row.marks, row.max_marks, row.error)
    ('empty', None, 10.0, 'a.txt: The answer is empty: type or paste your answer, then evaluate.')
    """
    return replace(_score_item(item, rubric, semantic=semantic), rubric=f"{rubric.id}@v{rubric.version}")


def _score_item(item: AnswerItem, rubric: Rubric, *, semantic: bool) -> ResultRow:
    if item.error is not None or item.text is None or item.question_id is None:
        max_marks = rubric.question(item.question_id).marks if item.question_id in rubric.question_ids else None
        return ResultRow(item.key, item.student, item.question_id or "", None, max_marks, ERROR_OUTCOME,
                         error=item.error or f"{item.key}: no answer text")
    try:
        question = rubric.question(item.question_id)
    except KeyError as exc:
        return ResultRow(item.key, item.student, item.question_id, None, None, ERROR_OUTCOME,
                         error=f"{item.key}: {exc.args[0]}")
    settings = None if semantic else question.settings.model_copy(update={"semantic": False})
    try:
        result = evaluate(item.text, question, settings=settings)
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
    )


def _feedback_summary(result: Evaluation) -> str:
    """The summary line, any red flag, and the ids of missing points, cut to ``FEEDBACK_CHARS``."""
    parts = [f.message for f in result.feedback if f.kind in ("summary", "warning")]
    missing = [f.point_id for f in result.feedback if f.kind == "missing" and f.point_id]
    if missing:
        parts.append("Missing: " + ", ".join(missing) + ".")
    text = " ".join(dict.fromkeys(parts))  # a refusal's message is both the summary and its warning
    return text if len(text) <= FEEDBACK_CHARS else text[: FEEDBACK_CHARS - 1].rsplit(" ", 1)[0] + "…"


@lru_cache(maxsize=1)
def scorer_fingerprint() -> str:
    """Hash of the evaluator's source code: results stored by other code are scored again."""
    digest = hashlib.sha256(_ROW_FORMAT.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def question_fingerprints(rubric: Rubric) -> dict[str, str]:
    """A hash of each question's full definition (text, key points, keywords, settings), by id."""
    return {q.id: hashlib.sha256(q.model_dump_json().encode()).hexdigest()[:16] for q in rubric.questions}


def content_hash(item: AnswerItem, questions: dict[str, str], *, semantic: bool) -> str:
    """What a stored row depends on: the answer, its student and question, and how it is scored.

    Args:
        item: the answer.
        questions: :func:`question_fingerprints` of the rubric.
        semantic: whether sentence embeddings are used.
    """
    question = questions.get(item.question_id or "", "")
    payload = [scorer_fingerprint(), question, semantic, item.student, item.question_id, item.text, item.error]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


class RunStore:
    """SQLite file of finished rows, keyed by (rubric id, rubric version, answer key, content hash).

    WAL mode lets another process read (or a second run append) while a batch writes;
    every :meth:`put` commits, so a killed run loses at most the chunks in flight.
    Use ``":memory:"`` for a store that lasts only while it is open.
    """

    _SCHEMA = """
        CREATE TABLE IF NOT EXISTS results (
            rubric_id TEXT NOT NULL,
            rubric_version INTEGER NOT NULL,
            item_key TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            row_json TEXT NOT NULL,
            finished_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (rubric_id, rubric_version, item_key, content_hash)
        ) WITHOUT ROWID
    """
    _LOOKUP_BATCH = 500  # keys per SELECT (SQLite allows 999+ parameters; stay well under)

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._db = sqlite3.connect(self.path, timeout=30)
        set_wal(self._db, 30)  # two runs that start together on a new file
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process, which is what resuming needs
        self._db.execute(self._SCHEMA)
        self._db.commit()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def lookup(self, rubric: Rubric, wanted: Sequence[tuple[str, str]]) -> dict[tuple[str, str], ResultRow]:
        """Stored rows for ``(item key, content hash)`` pairs; pairs not stored (or in another shape) are absent."""
        wanted_set = set(wanted)
        keys = sorted({key for key, _ in wanted})
        found: dict[tuple[str, str], ResultRow] = {}
        for start in range(0, len(keys), self._LOOKUP_BATCH):
            chunk = keys[start : start + self._LOOKUP_BATCH]
            marks = ",".join("?" * len(chunk))
            cursor = self._db.execute(
                f"SELECT item_key, content_hash, row_json FROM results "  # noqa: S608 - only placeholders are formatted
                f"WHERE rubric_id = ? AND rubric_version = ? AND item_key IN ({marks})",
                (rubric.id, rubric.version, *chunk),
            )
            for key, digest, row_json in cursor:
                if (key, digest) in wanted_set:
                    try:
                        found[(key, digest)] = ResultRow.from_dict(json.loads(row_json))
                    except (TypeError, ValueError) as exc:  # a row of another shape: score the answer again
                        log.info("%s: stored row not reused (%s)", key, exc)
        return found

    def put(self, rubric: Rubric, rows: Sequence[tuple[str, ResultRow]]) -> None:
        """Store ``(content hash, row)`` pairs and commit."""
        self._db.executemany(
            "INSERT OR REPLACE INTO results (rubric_id, rubric_version, item_key, content_hash, row_json) "
            "VALUES (?, ?, ?, ?, ?)",
            [(rubric.id, rubric.version, row.key, digest, json.dumps(row.to_dict(), ensure_ascii=False))
             for digest, row in rows],
        )
        self._db.commit()

    def count(self) -> int:
        """Number of stored rows (all rubrics)."""
        return int(self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0])


def _score_chunk(chunk: list[tuple[int, AnswerItem]], rubric: Rubric, semantic: bool,
                 parent_pid: int) -> list[tuple[int, ResultRow]]:
    """Worker task: score a few answers. Runs in a loky or Dask worker, or in this process."""
    if os.getpid() != parent_pid:
        _limit_worker_threads()
    return [(i, score_item(item, rubric, semantic=semantic)) for i, item in chunk]


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
) -> BatchResult:
    """Score every item, reusing rows already in ``store`` and adding new ones to it as they finish.

    Args:
        items: answers from :func:`~evaluator.sources.iter_items` or :func:`~evaluator.sources.iter_uploads`.
        rubric: the rubric every item's ``question_id`` belongs to.
        options: jobs, semantic matching, chunk size, Dask scheduler.
        store: where finished rows are kept; ``None`` keeps nothing.
        on_row: called with every row as it is ready (stored rows first), e.g. to move a progress bar.

    Returns:
        A :class:`BatchResult` with one row per item, in the order of ``items``.
    """
    if options.jobs == 0 or options.jobs < -1 or options.chunk_size < 1:
        raise ValueError(f"jobs must be -1 or at least 1 and chunk_size at least 1, got {options}")
    notify = on_row or (lambda row: None)
    rows: list[ResultRow | None] = [None] * len(items)
    fingerprints = question_fingerprints(rubric)
    digests = [content_hash(item, fingerprints, semantic=options.semantic) for item in items]

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
            tasks = (delayed(_score_chunk)(chunk, rubric, options.semantic, os.getpid()) for chunk in chunks)
            for done in parallel(tasks):
                if store is not None:
                    store.put(rubric, [(digests[i], row) for i, row in done])
                for i, row in done:
                    rows[i] = row
                    notify(row)
    return BatchResult([r for r in rows if r is not None], scored=len(todo), reused=len(items) - len(todo))


def summarise(rows: Sequence[ResultRow]) -> BatchSummary:
    """Counts, means and a histogram by share of max marks, over scored answers only.

    Rows not scored (refused or errors) have no marks and are left out of every mean; a
    batch of 10-mark and 15-mark questions gets a mean share of max marks and a mean per
    question, but no single mean of marks.

    >>> rows = [ResultRow("a", "a", "Q1", 9.0, 15.0, "scored"), ResultRow("b", "b", "Q2", 8.0, 10.0, "scored"),
    ...         ResultRow("c", "c", "Q2", None, 10.0, "empty"), ResultRow("d", "d", "", None, None, "error")]
    >>> s = summarise(rows)
    >>> (s.count, s.scored, s.not_scored, s.errors, s.mean_share, s.mean_marks, s.bands["75-100%"])
    (4, 2, 1, 1, 0.7, None, 1)
    >>> s.questions["Q2"]
    QuestionMeans(scored=1, mean_marks=8.0, max_marks=10.0)
    """
    scored = [r for r in rows if r.outcome == SCORED_OUTCOME and r.marks is not None and r.max_marks]
    shares = [r.marks / r.max_marks for r in scored]  # type: ignore[operator]
    # 1. the histogram, by share of max marks so that questions of any marks share the bands
    bands = {label: 0 for _, label in MARK_BANDS}
    for share in shares:
        bands[next(label for low, label in reversed(MARK_BANDS) if share >= low)] += 1
    # 2. mean marks per question, then one mean of marks only if every answer had the same maximum
    by_question: dict[str, list[ResultRow]] = {}
    for r in scored:
        by_question.setdefault(r.question_id, []).append(r)
    questions = {qid: QuestionMeans(len(group), _mean([r.marks for r in group], 2),  # type: ignore[misc]
                                    max(r.max_marks for r in group))  # type: ignore[type-var]
                 for qid, group in by_question.items()}
    maxima = {r.max_marks for r in scored}
    common_max = maxima.pop() if len(maxima) == 1 else None
    errors = sum(1 for r in rows if r.outcome == ERROR_OUTCOME)
    return BatchSummary(
        count=len(rows),
        scored=len(scored),
        not_scored=len(rows) - len(scored) - errors,
        errors=errors,
        mean_share=_mean(shares, 4) if shares else None,
        mean_marks=_mean([r.marks for r in scored], 2) if common_max else None,  # type: ignore[misc]
        max_marks=common_max,
        questions=questions,
        bands=bands,
    )


def _mean(values: Sequence[float], digits: int) -> float:
    return round(sum(values) / len(values), digits)


def format_question_means(question_id: str, means: QuestionMeans) -> str:
    """One question's line, e.g. for the terminal or a tooltip.

    >>> format_question_means("Q2", QuestionMeans(3, 6.5, 10.0))
    'Q2: mean 6.50 of 10 marks (65%) over 3 scored answers'
    """
    plural = "" if means.scored == 1 else "s"
    return (f"{question_id}: mean {means.mean_marks:.2f} of {means.max_marks:g} marks "
            f"({means.mean_marks / means.max_marks:.0%}) over {means.scored} scored answer{plural}")


def format_summary(summary: BatchSummary) -> str:
    """A few lines for the terminal.

    >>> print(format_summary(summarise([ResultRow("a", "a", "Q1", 9.0, 15.0, "scored"),
    ...                                 ResultRow("b", "b", "Q1", None, 15.0, "non_english")])))
    2 answers: 1 scored, 1 not scored (empty, too long, not English...), 0 errors
    mean 9.00 of 15 marks (60%) over 1 scored answer; answers not scored have no marks and are left out
    marks bands (share of max): 0-25%: 0 | 25-50%: 0 | 50-75%: 1 | 75-100%: 0
    >>> print(format_summary(summarise([ResultRow("a", "a", "Q1", 9.0, 15.0, "scored"),
    ...                                 ResultRow("b", "b", "Q2", 8.0, 10.0, "scored")])))
    2 answers: 2 scored, 0 not scored (empty, too long, not English...), 0 errors
    mean 70% of max marks over 2 scored answers; answers not scored have no marks and are left out
      Q1: mean 9.00 of 15 marks (60%) over 1 scored answer
      Q2: mean 8.00 of 10 marks (80%) over 1 scored answer
    marks bands (share of max): 0-25%: 0 | 25-50%: 0 | 50-75%: 1 | 75-100%: 1
    """
    lines = [f"{summary.count} answers: {summary.scored} scored, {summary.not_scored} not scored "
             f"(empty, too long, not English...), {summary.errors} errors"]
    if summary.mean_share is not None:
        over = f"over {summary.scored} scored answer{'' if summary.scored == 1 else 's'}"
        if summary.mean_marks is not None and summary.max_marks:
            mean = f"mean {summary.mean_marks:.2f} of {summary.max_marks:g} marks ({summary.mean_share:.0%})"
        else:
            mean = f"mean {summary.mean_share:.0%} of max marks"
        lines.append(f"{mean} {over}; answers not scored have no marks and are left out")
        if len(summary.questions) > 1:
            lines.extend("  " + format_question_means(qid, m) for qid, m in summary.questions.items())
    lines.append("marks bands (share of max): " + " | ".join(f"{k}: {v}" for k, v in summary.bands.items()))
    return "\n".join(lines)


def not_scored_reasons(rows: Sequence[ResultRow]) -> list[str]:
    """One line per answer that got no marks: its file (or CSV row) and why, as in the ``error`` column.

    >>> not_scored_reasons([ResultRow("a.txt", "a", "Q1", 9.0, 15.0, "scored"),
    ...                     ResultRow("b.txt", "b", "Q1", None, 15.0, "empty", error="b.txt: The answer is empty.")])
    ['b.txt: The answer is empty.']
    """
    return [r.error or f"{r.key}: not scored ({r.outcome})" for r in rows if r.outcome != SCORED_OUTCOME]

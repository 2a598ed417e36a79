"""Score many answers in parallel, keeping every finished result in a run database.

``run_batch(items, rubric)`` turns :class:`~evaluator.io.sources.AnswerItem` s into one
:class:`ResultRow` each, in input order. The items are a stream: each is looked up in the
:class:`RunStore` by its content hash *before* its bytes are read as text, so a run that is
stopped and started again extracts and scores only the answers it has not finished. The
others are read as they come and sent to the workers in small chunks (local processes with
``jobs > 1``, a Dask cluster with ``scheduler``), with only a few chunks in flight: memory
holds a few answers' text, never the whole batch's. Each finished chunk goes into the store at once.

A stored result is reused only for the same answer (its file's size, time and bytes, or its text),
student, question, rubric question definition, scoring options, reading limits and evaluator code
(see :func:`content_hash`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from evaluator.agreement.calibration import RubricCalibration
from evaluator.batch.review import review_flags
from evaluator.batch.rows import ERROR_OUTCOME, ROW_FORMAT, ResultRow
from evaluator.core.embedding import get_encoder
from evaluator.core.results import Evaluation
from evaluator.core.scoring import evaluate
from evaluator.io.ingest import AnswerFile, IngestError, read_answer_bytes
from evaluator.io.limits import DEFAULT_LIMITS, SCAN_SUFFIXES, SourceLimits
from evaluator.io.sources import AnswerItem, read_item
from evaluator.rubrics.model import Question, Rubric
from evaluator.store.runs import RunStore
from evaluator.views.reports import headline_messages

log = logging.getLogger(__name__)

FEEDBACK_CHARS = 240
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
CHUNK_TEXT_CHARS = 2_000_000  # answer text in one task at most (one longer answer goes alone): bounds memory in flight
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy while the next chunk is read
IDLE_WORKER_S = 60  # a local worker with nothing to do for this long exits (the next batch starts new ones)
PARENT_CHECK_S = 0.5  # how often a local worker checks that the batch that started it is still running
PROBE_TIMEOUT_S = 30  # how long a Dask cluster has to run a first small task before the batch gives up on it


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs.

    Attributes:
        jobs: worker processes (1: in this process; -1: one per core). Ignored with ``scheduler``.
        semantic: use sentence embeddings (False: keyword and fuzzy matching only, faster).
        chunk_size: answers sent to a worker at a time (and written to the store together).
        scheduler: address of a Dask scheduler (``tcp://host:8786``) to run the chunks on.
        limits: the limits photos and scans are read under (pages, pixels, OCR seconds per page).
        start: how local workers start: "fork" them from this process once the models are loaded (they share one
            copy; Linux), "loky" (each loads its own), or "auto" (fork where it is safe).
    """

    jobs: int = 1
    semantic: bool = True
    chunk_size: int = 8
    scheduler: str | None = None
    limits: SourceLimits = DEFAULT_LIMITS
    start: Literal["auto", "fork", "loky"] = "auto"


@dataclass(frozen=True)
class BatchResult:
    """Rows in input order, and how many were scored now vs. taken from the run store."""

    rows: list[ResultRow]
    scored: int
    reused: int


class ClusterError(RuntimeError):
    """A Dask cluster that cannot run the evaluator: no workers, or workers that cannot import it."""


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
    item = read_item(item)  # a file's bytes not read yet (a photo or scan keeps them as ``scan``)
    read = None
    if item.scan is not None and item.error is None:
        try:
            read = read_answer_bytes(item.key, item.scan, limits=limits)
        except IngestError as exc:
            item = replace(item, error=str(exc))
        else:
            item = replace(item, text=read.text)
    row = _score_item(replace(item, scan=None), rubric, semantic=semantic, calibration=calibration,
                      read_by_ocr=read is not None and read.ocr is not None)
    return replace(row, rubric=f"{rubric.id}@v{rubric.version}", **_ocr_fields(read))


def _ocr_fields(read: AnswerFile | None) -> dict[str, object]:
    if read is None or read.ocr is None:
        return {}
    return {"ocr_text": read.text, "ocr_confidence": round(read.ocr.confidence, 3), "needs_review": read.needs_review}


def _score_item(item: AnswerItem, rubric: Rubric, *, semantic: bool,
                calibration: RubricCalibration | None, read_by_ocr: bool = False) -> ResultRow:
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
        result = evaluate_answer(item.text, question, rubric, semantic=semantic, calibration=calibration,
                                 read_by_ocr=read_by_ocr)
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
                    calibration: RubricCalibration | None = None, read_by_ocr: bool = False) -> Evaluation:
    """An answer's evaluation as a batch gives it: semantic matching on or off, spelling not marked for an answer
    ``read_by_ocr`` from a photo or scan (as on the student page), calibrated when the calibration was fitted for
    this rubric version. The review panel and the feedback sheets use it to see what a row saw."""
    settings = question.settings if semantic else question.settings.model_copy(update={"semantic": False})
    if read_by_ocr:
        settings = settings.for_ocr()
    result = evaluate(text, question, settings=settings, rubric=rubric)
    if calibration is not None and calibration.fits(rubric):
        result = calibration.apply(result, question)
    return result


def _feedback_summary(result: Evaluation) -> str:
    """The summary line, any red flag, and the ids of missing points, cut to ``FEEDBACK_CHARS``."""
    parts = headline_messages(result)  # the kinds the sheets lead with too (their messages are the core's)
    missing = [f.point_id for f in result.feedback if f.kind == "missing" and f.point_id]
    if missing:
        parts.append("Missing: " + ", ".join(missing) + ".")
    text = " ".join(dict.fromkeys(parts))
    return text if len(text) <= FEEDBACK_CHARS else text[: FEEDBACK_CHARS - 1].rsplit(" ", 1)[0] + "…"


# what a stored row's marks depend on: the scoring code, and the reader that turns a file's bytes into its text
SCORING_CODE = ("core", "rubrics/model.py", "batch/rows.py", "batch/runner.py", "batch/review.py",
                "agreement/calibration.py", "io/ingest.py", "io/archives.py")
READING_CODE = ("io/ocr.py", "io/layout.py", "io/scans.py")  # ... and a photo's or scan's, on how it was read


@lru_cache(maxsize=2)
def scorer_fingerprint(semantic: bool = True) -> str:
    """Hash of the scoring and reading code and of the sentence encoder in use: rows stored by other code, or scored
    with another encoder backend (int8 ONNX, NumPy, none), are scored again. Shells, pages and help texts do not
    count."""
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


def content_hash(item: AnswerItem, questions: dict[str, str], *, semantic: bool, scorer: str | None = None,
                 calibration: str = "") -> str:
    """What a stored row depends on: the answer, its student and question, and how it is read and scored.

    The answer is its ``origin`` (its file's size, time and SHA-256) when it was read from a file, so the
    hash is known before the file's text is extracted; else its text. A photo or scan (or a PDF, which may
    be one) also depends on the OCR code.

    Args:
        item: the answer.
        questions: :func:`question_fingerprints` of the rubric.
        semantic: whether sentence embeddings are used.
        scorer: :func:`scorer_fingerprint` where the answers are scored (default: in this process).
        calibration: the fingerprint of the calibration applied ("" for none).
    """
    question = questions.get(item.question_id or "", "")
    answer = ["origin", item.origin, asdict(item.limits)] if item.origin else ["text", item.text]
    if item.scan is not None:
        answer += ["scan", hashlib.sha256(item.scan).hexdigest()]
    if item.scan is not None or (item.origin and PurePosixPath(item.key).suffix.lower() in SCAN_SUFFIXES):
        answer.append(reader_fingerprint())
    scorer = scorer or scorer_fingerprint(semantic)
    payload = [scorer, question, semantic, item.student, item.question_id, answer, item.error]
    if calibration:
        payload.append(calibration)
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _score_chunk(chunk: list[tuple[int, AnswerItem]], rubric: Rubric, semantic: bool, limits: SourceLimits,
                 parent_pid: int, calibration: RubricCalibration | None = None) -> list[tuple[int, ResultRow]]:
    """Worker task: score a few answers. Runs in a loky or Dask worker, or in this process."""
    if os.getpid() != parent_pid:
        _limit_worker_threads()
    rows = [(i, score_item(item, rubric, semantic=semantic, calibration=calibration, limits=limits))
            for i, item in chunk]
    _forget_answers()
    return rows


def _forget_answers() -> None:
    """Drop the encoders' vectors of the answers just scored: a batch never scores an answer twice, and 512 cached
    answers' word-piece vectors held ~140 MB (a 1-job batch of 1,000 distinct answers peaked at 514 MB). The
    rubric's vectors are kept."""
    from evaluator.core.embedding import loaded_encoders
    from evaluator.core.multilingual import get_multilingual_encoder

    for encoder in loaded_encoders():  # none loaded (keywords only): nothing to load here
        encoder.clear_cache()
    if get_multilingual_encoder.cache_info().currsize and (multilingual := get_multilingual_encoder()) is not None:
        multilingual.clear_cache()


def cluster_probe() -> str:
    """A Dask worker's first task: import the evaluator and say which scoring code it runs."""
    return scorer_fingerprint(False)


@lru_cache(maxsize=1)
def _limit_worker_threads() -> None:
    """One BLAS/OpenMP thread per worker process, so N workers on N cores do not oversubscribe.

    Local workers already start with these variables; Dask worker processes get them here,
    before the first answer loads the sentence encoder (ONNX Runtime reads ``OMP_NUM_THREADS``
    when its session is made).
    """
    from threadpoolctl import threadpool_limits

    for name in THREAD_VARS:
        os.environ.setdefault(name, "1")
    threadpool_limits(limits=1)


def _exit_with_parent(parent_pid: int) -> None:
    """Local worker start-up: exit as soon as the batch process that started it is gone.

    A killed batch (Ctrl-C twice, ``kill``, a closed terminal) would otherwise leave its workers
    holding their memory until their idle timeout; a resumed batch would then run beside them.
    """
    import psutil

    def watch() -> None:
        # POSIX gives an orphan a new parent; Windows keeps the old id, so ask whether that process still runs
        while os.getppid() == parent_pid and psutil.pid_exists(parent_pid):
            time.sleep(PARENT_CHECK_S)
        os._exit(0)  # the parent is gone: nothing will collect this worker's results

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


Chunk = list[tuple[int, AnswerItem]]


class _Workers:
    """Where chunks are scored: ``submit`` a chunk (waiting while enough are in flight), then take what is done.

    In this process (``jobs=1``) a chunk is scored when it is submitted; local processes and a Dask cluster
    take futures, of which at most ``limit`` are in flight.
    """

    def __init__(self, submit: Callable[[Chunk], Any] | None = None, wait: Callable[..., Any] | None = None,
                 limit: int = 1, score: Callable[[Chunk], list[tuple[int, ResultRow]]] | None = None,
                 scorer: str = "") -> None:
        self._submit, self._wait, self._limit, self._score = submit, wait, limit, score
        self._futures: set[Any] = set()
        self._done: list[list[tuple[int, ResultRow]]] = []
        self.scorer = scorer  # the scorer_fingerprint of the code the answers are scored with

    def submit(self, chunk: Chunk) -> None:
        if self._score is not None:
            self._done.append(self._score(chunk))
            return
        while len(self._futures) >= self._limit:
            self._collect(first=True)
        self._futures.add(self._submit(chunk))

    def finished(self, *, wait: bool = False) -> Iterator[list[tuple[int, ResultRow]]]:
        """Chunks finished so far (``wait``: all of them, waiting for those in flight)."""
        self._take([f for f in self._futures if f.done()])
        while self._futures and wait:
            self._collect(first=True)
        done, self._done = self._done, []
        yield from done

    def _collect(self, *, first: bool) -> None:
        done, _ = self._wait(list(self._futures), return_when="FIRST_COMPLETED" if first else "ALL_COMPLETED")
        self._take(done)

    def _take(self, done: Iterable[Any]) -> None:
        for future in done:
            self._futures.discard(future)
            self._done.append(future.result())

    def cancel(self) -> None:
        for future in self._futures:
            future.cancel()
        self._futures.clear()


@contextmanager
def _workers(options: BatchOptions, rubric: Rubric,
             calibration: RubricCalibration | None = None) -> Iterator[_Workers]:
    """The workers for these options, started here and let go (or shut down, after an error) on exit."""
    parent = os.getpid()
    if options.scheduler:
        from dask.distributed import Client, wait

        with Client(options.scheduler, timeout="10s") as client:
            workers = _probe(client, options.scheduler)
            shared = client.scatter(rubric, broadcast=True)  # sent to each worker once, not with every chunk
            pool = _Workers(lambda chunk: client.submit(_score_chunk, chunk, shared, options.semantic, options.limits,
                                                        parent, calibration, pure=False),
                            wait, IN_FLIGHT_PER_WORKER * workers,
                            scorer=client.submit(scorer_fingerprint, options.semantic, pure=False).result())
            try:
                yield pool
            finally:
                pool.cancel()
        return
    if options.jobs == 1:
        yield _Workers(score=lambda chunk: _score_chunk(chunk, rubric, options.semantic, options.limits, parent,
                                                        calibration),
                       scorer=scorer_fingerprint(options.semantic))
        return
    jobs = options.jobs if options.jobs > 0 else os.cpu_count() or 1
    if options.start == "fork" or (options.start == "auto" and _can_fork()):
        with _forked_workers(jobs, rubric, options, calibration) as pool:
            yield pool
        return
    from concurrent.futures import wait

    from joblib.externals.loky import get_reusable_executor

    executor = get_reusable_executor(max_workers=jobs, timeout=IDLE_WORKER_S, initializer=_exit_with_parent,
                                     initargs=(parent,), env={name: "1" for name in THREAD_VARS})
    # the fingerprint names the encoder backend, which loads the model: a worker loads it, not this process
    pool = _Workers(lambda chunk: executor.submit(_score_chunk, chunk, rubric, options.semantic, options.limits, parent,
                                                  calibration), wait,
                    IN_FLIGHT_PER_WORKER * jobs, scorer=executor.submit(scorer_fingerprint, options.semantic).result())
    try:
        yield pool
    except BaseException:
        pool.cancel()
        executor.shutdown(wait=False, kill_workers=True)  # an interrupted batch leaves no worker scoring
        raise


_SHARED: dict[str, Any] = {}  # what forked workers inherit from the batch process: the rubric and its calibration


def _can_fork() -> bool:
    """Whether local workers can be forked from this process after it has loaded the models (Linux; and not once the
    multilingual encoder is loaded: its OpenMP runtime does not survive a fork)."""
    import multiprocessing
    import sys

    from evaluator.core.multilingual import get_multilingual_encoder

    return (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
            and get_multilingual_encoder.cache_info().currsize == 0)


def _load_for_fork(rubric: Rubric, semantic: bool) -> None:
    """Load everything scoring reads into this process, once, before the workers are forked from it: spaCy, the
    sentence encoder on the calling thread only, the word tables and every question of the rubric compiled. The
    workers then share one copy (pages are copied only where they are written)."""
    from evaluator.core.text import nlp

    nlp()
    encoder = get_encoder() if semantic else None
    if encoder is not None:
        encoder.single_threaded()
    for question in rubric.questions:  # its own text as an answer: compiles the question and loads every table
        settings = question.settings if semantic else question.settings.model_copy(update={"semantic": False})
        evaluate(question.text, question, settings=settings, rubric=rubric)


def _forked_start(parent_pid: int) -> None:
    """A forked worker's start-up: one BLAS thread, and exit with the batch process."""
    _limit_worker_threads()
    _exit_with_parent(parent_pid)


def _score_shared(chunk: Chunk, semantic: bool, limits: SourceLimits, parent_pid: int) -> list[tuple[int, ResultRow]]:
    """A forked worker's task: the chunk against the rubric it inherited (not sent again with every chunk)."""
    return _score_chunk(chunk, _SHARED["rubric"], semantic, limits, parent_pid, _SHARED["calibration"])


@contextmanager
def _forked_workers(jobs: int, rubric: Rubric, options: BatchOptions,
                    calibration: RubricCalibration | None) -> Iterator[_Workers]:
    """``jobs`` worker processes forked after the models and the rubric are loaded here, shut down on exit."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, wait

    parent = os.getpid()
    _load_for_fork(rubric, options.semantic)
    _SHARED.update(rubric=rubric, calibration=calibration)
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_forked_start, initargs=(parent,))
    pool = _Workers(lambda chunk: executor.submit(_score_shared, chunk, options.semantic, options.limits, parent),
                    wait, IN_FLIGHT_PER_WORKER * jobs, scorer=scorer_fingerprint(options.semantic))
    try:
        yield pool
    except BaseException:
        pool.cancel()
        for process in list(getattr(executor, "_processes", {}).values()):  # an interrupted batch leaves none scoring
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        executor.shutdown(wait=True)
    finally:
        _SHARED.clear()


def _probe(client: Any, address: str) -> int:
    """The number of workers of a Dask cluster, once one of them has run a first small task.

    Raises:
        ClusterError: no worker joins, or the workers cannot import this evaluator (or run other scoring code):
            a clear message at once instead of a batch that waits forever.
    """
    try:
        client.wait_for_workers(1, timeout=PROBE_TIMEOUT_S)
    except Exception:  # noqa: BLE001 - TimeoutError, or the scheduler went away
        raise ClusterError(f"the Dask scheduler at {address} has no workers (none joined within "
                           f"{PROBE_TIMEOUT_S} s); start some with 'dask worker {address}'") from None
    install = ("every machine of the cluster needs this evaluator installed: run 'pip install -e .' in the project "
               "folder, in the environment the scheduler and the workers run in")
    try:
        theirs = client.submit(cluster_probe, pure=False).result(timeout=PROBE_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - whatever stops a task from running there
        first_line = (str(exc).strip().splitlines() or [""])[0]
        raise ClusterError(f"the Dask cluster at {address} cannot run the evaluator ({type(exc).__name__}: "
                           f"{first_line}); {install}") from None
    if theirs != cluster_probe():
        raise ClusterError(f"the Dask workers at {address} run other evaluator code than this one (scoring "
                           f"fingerprint {theirs}, here {cluster_probe()}), so the same answer could get other "
                           f"marks there; {install}")
    return max(1, len(client.scheduler_info().get("workers", {})))


def run_batch(
    items: Iterable[AnswerItem],
    rubric: Rubric,
    *,
    options: BatchOptions = BatchOptions(),
    store: RunStore | None = None,
    on_row: Callable[[ResultRow], None] | None = None,
    calibration: RubricCalibration | None = None,
) -> BatchResult:
    """Score every item, reusing rows already in ``store`` and adding new ones to it as they finish.

    Args:
        items: answers from :func:`~evaluator.io.sources.iter_items` or :func:`~evaluator.io.sources.iter_uploads`,
            best with ``extract=False``: then an answer already in ``store`` is never read as text. Taken one at a time.
        rubric: the rubric every item's ``question_id`` belongs to.
        options: jobs, semantic matching, chunk size, Dask scheduler.
        store: where finished rows are kept; ``None`` keeps nothing.
        on_row: called with every row as it is ready, e.g. to move a progress bar.
        calibration: the rubric's calibration on mentor marks; applied when fitted for this rubric version.

    Returns:
        A :class:`BatchResult` with one row per item, in the order of ``items``.

    Raises:
        ClusterError: ``scheduler`` names a Dask cluster that cannot run the evaluator.
    """
    if options.jobs == 0 or options.jobs < -1 or options.chunk_size < 1:
        raise ValueError(f"jobs must be -1 or at least 1 and chunk_size at least 1, got {options}")
    notify = on_row or (lambda row: None)
    fingerprints = question_fingerprints(rubric)
    if calibration is not None and not calibration.fits(rubric):
        calibration = None  # fitted for another version: its marks would mean nothing
    applied = calibration.fingerprint() if calibration is not None else ""
    rows: list[ResultRow | None] = []
    digests: dict[int, str] = {}  # of the answers in flight

    def record(done: list[tuple[int, ResultRow]]) -> None:
        if store is not None:
            store.put(rubric, [(digests[i], row) for i, row in done])
        for i, row in done:
            rows[i] = row
            del digests[i]
            notify(row)

    reused = 0
    with _workers(options, rubric, calibration) as workers:
        chunk: Chunk = []
        chars = 0
        for index, item in enumerate(items):
            # 1. a row finished by an earlier run of the same answer: found before the answer is read
            digest = content_hash(item, fingerprints, semantic=options.semantic, scorer=workers.scorer,
                                  calibration=applied)
            stored = store.get(rubric, item.key, digest) if store is not None else None
            rows.append(stored)
            if stored is not None:
                reused += 1
                notify(stored)
                continue
            # 2. the rest: read as text here, scored by the workers a chunk at a time
            ready = read_item(item)
            digests[index] = digest
            chunk.append((index, ready))
            chars += len(ready.text or "") + len(ready.scan or b"")  # a photo's bytes travel to its worker
            if len(chunk) >= options.chunk_size or chars >= CHUNK_TEXT_CHARS:
                workers.submit(chunk)
                chunk, chars = [], 0
            for done in workers.finished():
                record(done)
        if chunk:
            workers.submit(chunk)
        for done in workers.finished(wait=True):
            record(done)
    return BatchResult([r for r in rows if r is not None], scored=len(rows) - reused, reused=reused)

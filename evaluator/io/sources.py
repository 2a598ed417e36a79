"""Where a batch's answers come from: files, folders, .zip archives and answer CSVs.

:func:`iter_items` walks the paths a user names and :func:`iter_uploads` the files a
user uploads; both yield one :class:`AnswerItem` per answer found, in a stable order.
Nothing here raises for a bad input: an unreadable file, an unsafe archive entry or
an answer without a question becomes an item whose ``error`` says what is wrong, so
the batch records it as a row and goes on.

Which question an answer is for is taken from, in order:

1. the ``question`` column of an answer CSV (a question the rubric lacks is an error row);
2. a question id token in the file's name, matched case-insensitively against the
   rubric's ids (``Q2.txt``, ``q2_asha.docx``, ``asha_Q2.pdf``, ``asha-q2.md``), or
   else in the name of the folder it sits in (inside the folder or archive named);
3. the ``default_question`` argument (``--question`` on the command line, the Question
   box on the batch page): only for answers that name no question of their own, so a
   ``q4_ravi.txt`` is never scored as Q1 because Q1 was chosen for the rest;
4. the rubric's only question, when it has just one.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from evaluator.io.ingest import SUPPORTED_SUFFIXES, IngestError, NeedsOcr, read_answer_bytes
from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits
from evaluator.io.tables import CsvError, MissingColumnError, read_csv_bytes

log = logging.getLogger(__name__)

ARCHIVE_SUFFIX = ".zip"
CSV_SUFFIX = ".csv"
_IGNORED_PARTS = ("__MACOSX",)  # resource forks that macOS adds to every zip




@dataclass(frozen=True)
class AnswerItem:
    """One answer to score, or the reason it cannot be.

    Attributes:
        key: unique, stable name of the answer in this batch: ``answers/asha_q1.txt``,
            ``answers.zip/asha_q1.txt`` or ``answers.csv#3`` (spreadsheet row 3).
        source: the file the user named or uploaded that the answer came from.
        student: from the CSV ``student`` column, else the file name without its question token.
        question_id: the rubric question the answer is for, or ``None`` when unknown.
        text: the answer text (``None`` when ``error`` is set, or for a scan not read yet).
        error: why the answer cannot be scored, starting with its ``key``.
        scan: the bytes of a photo or scanned PDF, read by OCR where the answer is scored (in a worker).
    """

    key: str
    source: str
    student: str
    question_id: str | None
    text: str | None = None
    error: str | None = None
    scan: bytes | None = None


@dataclass(frozen=True)
class _Context:
    question_ids: tuple[str, ...]
    default_question: str | None
    limits: SourceLimits


def question_from_name(name: str, question_ids: Sequence[str]) -> str | None:
    """The question id named by a token in a file path, or ``None`` when none (or several) match.

    The file name is tried first, then its folders from the nearest up. A token is an id
    not glued to other letters or digits, compared case-insensitively.

    >>> question_from_name("batch1/asha_Q2.txt", ["Q1", "Q2", "Q10"])
    'Q2'
    >>> question_from_name("q10-ravi.docx", ["Q1", "Q10"])
    'Q10'
    >>> question_from_name("Q3/ravi.pdf", ["Q1", "Q3"])
    'Q3'
    >>> question_from_name("question2.txt", ["Q2"]) is None
    True
    """
    path = PurePosixPath(name.replace("\\", "/"))
    parts = [path.stem, *(p for p in reversed(path.parent.parts) if p not in ("", ".", "/"))]
    for part in parts:
        found = {qid for qid in question_ids if _token(qid).search(part)}
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            return None  # "q1_q2.txt": ambiguous, better an error row than a guess
    return None


def _token(question_id: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(question_id)}(?![A-Za-z0-9])", re.IGNORECASE)


def _student_from_name(name: str, question_id: str | None) -> str:
    """``asha_Q2.txt`` -> ``asha``; ``asha/Q2.txt`` -> ``asha``; ``essay.txt`` -> ``essay``."""
    path = PurePosixPath(name.replace("\\", "/"))
    stem = _token(question_id).sub("", path.stem) if question_id else path.stem
    stem = re.sub(r"[_\-. ]{2,}", "_", stem).strip("_-. ")
    if stem:
        return stem
    return path.parent.name or path.stem


def _resolve_question(ctx: _Context, name: str, column: str | None = None) -> tuple[str | None, str | None]:
    """(question id, error) for an answer, by the precedence in the module docstring."""
    ids = ctx.question_ids
    if column:
        match = [qid for qid in ids if qid.lower() == column.strip().lower()]
        if match:
            return match[0], None
        return None, f"question {column.strip()!r} is not in the rubric; available: {', '.join(ids)}"
    found = question_from_name(name, ids) if name else None
    if found:
        return found, None
    if ctx.default_question:
        return ctx.default_question, None
    if len(ids) == 1:
        return ids[0], None
    path = PurePosixPath(name.replace("\\", "/"))
    several = [qid for qid in ids if _token(qid).search(path.stem)]
    if len(several) > 1:
        return None, (f"the file name names {len(several)} questions ({', '.join(several)}); keep only one, "
                      f"or {_choose_question(ids)}")
    example = f"{ids[0].lower()}_{path.name}"
    return None, f"no question id in the file name; rename it like {example}, or {_choose_question(ids)}"


def _choose_question(ids: Sequence[str]) -> str:
    """The way out that works on the command line and on the page alike (the same message reaches both)."""
    return (f"choose a question for answers that name none (--question on the command line, the Question box "
            f"on the batch page); available: {', '.join(ids)}")


def _error_item(key: str, source: str, reason: str, *, student: str = "", question_id: str | None = None) -> AnswerItem:
    return AnswerItem(key, source, student or PurePosixPath(key).stem, question_id, None, f"{key}: {reason}")


def _answer(ctx: _Context, key: str, source: str, rel: str, data: bytes) -> AnswerItem:
    """One answer file's item: its question from the name, its text from the bytes."""
    question_id, problem = _resolve_question(ctx, rel)
    student = _student_from_name(rel, question_id)
    if problem:
        return _error_item(key, source, problem, student=student)
    try:
        text = read_answer_bytes(key, data, limits=ctx.limits, ocr=False).text
    except NeedsOcr:  # a photo or a scan: OCR takes seconds a page, so it runs in the batch's workers
        return AnswerItem(key, source, student, question_id, scan=data)
    except IngestError as exc:
        return AnswerItem(key, source, student, question_id, None, str(exc))
    return AnswerItem(key, source, student, question_id, text)


def _unsafe_entry(name: str) -> bool:
    """True for archive entry names that are absolute or climb out of the archive with ``..``."""
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    depth = 0
    for part in name.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def _is_answer_name(name: str) -> bool:
    path = PurePosixPath(name)
    if any((p.startswith(".") and p not in (".", "..")) or p in _IGNORED_PARTS for p in path.parts):
        return False
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _from_zip(ctx: _Context, key: str, fileobj: IO[bytes]) -> Iterator[AnswerItem]:
    """The answers inside a .zip, refusing unsafe entries and bomb-like archives one row at a time."""
    limits = ctx.limits
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield _error_item(key, key, f"corrupt or not a .zip archive ({type(exc).__name__})")
        return
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        # 1. the whole archive: refuse before reading anything when it would inflate past the limit
        total = sum(i.file_size for i in infos)
        if total > limits.max_archive_bytes:
            yield _error_item(key, key, f"archive inflates to {total:,} bytes; the limit is "
                                        f"{limits.max_archive_bytes:,} (split it into smaller archives)")
            return
        for info in infos:
            name = info.filename
            entry_key = f"{key}/{name.lstrip('/')}"
            # 2. each entry: path, type, size and compression ratio, then its bytes
            if _unsafe_entry(name):
                yield _error_item(entry_key, key, "refused: the entry's path is absolute or leaves the archive ('..')")
                continue
            if not _is_answer_name(name):
                if PurePosixPath(name).suffix.lower() == ARCHIVE_SUFFIX:
                    yield _error_item(entry_key, key, "archives inside archives are not opened; unpack it first")
                else:
                    log.info("%s: skipped %s (not an answer file)", key, name)
                continue
            if info.flag_bits & 0x1:
                yield _error_item(entry_key, key,
                                  "password-protected archive entry; zip the answers without a password")
                continue
            if info.file_size > limits.max_bytes_for(name):
                yield _error_item(entry_key, key,
                                  f"file is {info.file_size:,} bytes; the limit is {limits.max_bytes_for(name):,}")
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                yield _error_item(entry_key, key, f"refused: compression ratio {ratio:,.0f}:1 is over "
                                                  f"{limits.max_ratio:g}:1 (zip bomb?)")
                continue
            try:
                # ZipExtFile stops at the declared size and checks the CRC, so this reads at most file_size bytes
                data = archive.read(info)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError,
                    RuntimeError) as exc:
                yield _error_item(entry_key, key, f"corrupt archive entry ({type(exc).__name__}: {exc})")
                continue
            yield _answer(ctx, entry_key, key, name, data)


def _from_csv(ctx: _Context, key: str, data: bytes) -> Iterator[AnswerItem]:
    """One item per row of a CSV with columns ``student``, ``question`` (optional) and ``answer``."""
    try:
        table = read_csv_bytes(key, data, want="answer")
    except MissingColumnError:
        yield _error_item(key, key, "an answer CSV needs a header row with an 'answer' column (and optionally "
                                    "'student' and 'question'), separated by commas, semicolons or tabs")
        return
    except CsvError as exc:
        yield _error_item(key, key, exc.reason)
        return
    for row in table.rows:
        if row.is_blank:
            continue
        row_key = f"{key}#{row.number}"
        student = row["student"].strip() or f"row {row.number}"
        named = row["question"].strip()
        question_id, problem = _resolve_question(ctx, "", named or None)
        if problem and not named:  # the file-name advice does not fit a CSV row
            where = ("the 'question' cell is empty; fill it in" if "question" in table.header
                     else "the CSV has no 'question' column; add one")
            problem = f"no question id: {where}, or {_choose_question(ctx.question_ids)}"
        if problem:
            yield _error_item(row_key, key, problem, student=student)
            continue
        answer = row["answer"]
        if len(answer.encode("utf-8", "surrogatepass")) > ctx.limits.max_file_bytes:
            yield _error_item(row_key, key, f"answer is over {ctx.limits.max_file_bytes:,} bytes",
                              student=student, question_id=question_id)
            continue
        yield AnswerItem(row_key, key, student, question_id, answer)


def _from_bytes(ctx: _Context, name: str, data: bytes) -> Iterator[AnswerItem]:
    """Items in one named file's bytes: an archive, an answer CSV, or a single answer."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ARCHIVE_SUFFIX:
        if len(data) > ctx.limits.max_archive_bytes:
            yield _error_item(name, name,
                              f"archive is {len(data):,} bytes; the limit is {ctx.limits.max_archive_bytes:,}")
            return
        yield from _from_zip(ctx, name, io.BytesIO(data))
    elif suffix == CSV_SUFFIX:
        yield from _from_csv(ctx, name, data)
    else:
        yield _answer(ctx, name, name, PurePosixPath(name).name, data)


def _read(path: Path, key: str, limit: int) -> bytes | str:
    """The file's bytes, or why they cannot be read."""
    try:
        size = path.stat().st_size
        if size > limit:
            return f"file is {size:,} bytes; the limit is {limit:,}"
        return path.read_bytes()
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"


def _from_path(ctx: _Context, arg: str | Path) -> Iterator[AnswerItem]:
    """Items under one command-line path: a file, or a folder searched recursively."""
    path = Path(arg)
    key = str(arg)
    if path.is_dir():
        skipped = 0
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path).as_posix()
            if not child.is_file():
                continue
            if PurePosixPath(rel).suffix.lower() == ARCHIVE_SUFFIX and not rel.startswith("."):
                yield from _from_path(ctx, child)
            elif _is_answer_name(rel):
                data = _read(child, str(child), ctx.limits.max_bytes_for(rel))
                if isinstance(data, str):
                    yield _error_item(str(child), key, data)
                else:
                    yield _answer(ctx, str(child), key, rel, data)
            else:
                skipped += 1
        if skipped:
            log.info("%s: skipped %d files that are not answers (%s)", key, skipped, ", ".join(SUPPORTED_SUFFIXES))
        return
    if not path.exists():
        yield _error_item(key, key, "no such file or folder")
        return
    suffix = path.suffix.lower()
    limit = ctx.limits.max_archive_bytes if suffix in (ARCHIVE_SUFFIX, CSV_SUFFIX) else ctx.limits.max_bytes_for(key)
    if suffix == ARCHIVE_SUFFIX:
        # open the archive on disk: only the entries' bytes are read, one at a time
        try:
            size = path.stat().st_size
            if size > limit:
                yield _error_item(key, key, f"archive is {size:,} bytes; the limit is {limit:,}")
                return
            with path.open("rb") as handle:
                yield from _from_zip(ctx, key, handle)
        except OSError as exc:
            yield _error_item(key, key, f"cannot read the file ({exc.strerror or exc})")
        return
    data = _read(path, key, limit)
    if isinstance(data, str):
        yield _error_item(key, key, data)
    elif suffix == CSV_SUFFIX:
        yield from _from_csv(ctx, key, data)
    else:
        yield _answer(ctx, key, key, path.name, data)


def _limited(ctx: _Context, items: Iterable[AnswerItem]) -> Iterator[AnswerItem]:
    """Drop repeated keys and stop, with one error row, at the batch's file limit."""
    seen: set[str] = set()
    for item in items:
        if item.key in seen:
            log.warning("%s: named twice; scored once", item.key)
            continue
        if len(seen) >= ctx.limits.max_files:
            yield _error_item("<batch limit>", item.source,
                              f"more than {ctx.limits.max_files:,} answers; "
                              f"the rest, from {item.key} on, were not read (split the batch)")
            return
        seen.add(item.key)
        yield item


def iter_items(
    paths: Iterable[str | Path],
    *,
    question_ids: Sequence[str],
    default_question: str | None = None,
    limits: SourceLimits = DEFAULT_LIMITS,
) -> Iterator[AnswerItem]:
    """Every answer under the named files, folders (recursive), .zip archives and answer CSVs.

    In folders and archives only answer files (.txt, .md, .docx, .pdf, photos) are read and
    hidden files are skipped; .zip files in folders are opened, .csv files only when
    named directly.

    Args:
        paths: what the user named on the command line.
        question_ids: the rubric's question ids (``rubric.question_ids``).
        default_question: the question for answers whose CSV row or file name names none
            (an answer that names its own question keeps it; module docstring).
        limits: file, archive and batch limits.

    Returns:
        An iterator of :class:`AnswerItem`, one per answer (or per refused input), in path order.
    """
    ctx = _Context(tuple(question_ids), default_question, limits)
    return _limited(ctx, (item for arg in paths for item in _from_path(ctx, arg)))


def iter_uploads(
    files: Iterable[tuple[str, bytes]],
    *,
    question_ids: Sequence[str],
    default_question: str | None = None,
    limits: SourceLimits = DEFAULT_LIMITS,
) -> Iterator[AnswerItem]:
    """Like :func:`iter_items` for uploaded ``(file name, bytes)`` pairs (.zip and .csv are opened).

    >>> items = list(iter_uploads([("asha_q2.txt", b"An answer."), ("q1.exe", b"MZ")], question_ids=["Q1", "Q2"]))
    >>> [(i.student, i.question_id, i.error) for i in items]  # doctest: +ELLIPSIS
    [('asha', 'Q2', None), ('q1', 'Q1', "q1.exe: unsupported file type '.exe'; use .txt, .md, .docx, .pdf, .png, ...")]
    """
    ctx = _Context(tuple(question_ids), default_question, limits)
    return _limited(ctx, (item for name, data in files for item in _from_bytes(ctx, name, data)))

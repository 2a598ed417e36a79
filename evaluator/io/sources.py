"""Where a batch's answers come from: files, folders, .zip archives and answer CSVs.

:func:`iter_items` walks the paths a user names and :func:`iter_uploads` the files a
user uploads; both yield one :class:`AnswerItem` per input found, lazily and in a stable
order, so a batch of any size is read one answer at a time. Nothing here raises for a bad
input: an unreadable file, an unsafe archive entry, a link out of the folder, a file that
is not an answer or an answer without a question becomes an item whose ``error`` says what
is wrong, so the batch records it as a row and goes on. Only hidden files and the folders
an operating system adds (``.DS_Store``, ``__MACOSX``, ``Thumbs.db``) are passed over.

Which question an answer is for is taken from, in order:

1. the ``question`` column of an answer CSV (a question the rubric lacks is an error row);
2. a question id token in the file's name, matched case-insensitively against the
   rubric's ids (``Q2.txt``, ``q2_asha.docx``, ``asha_Q2.pdf``, ``asha-q2.md``), or
   else in the name of the folder it sits in (inside the folder or archive named);
3. the ``default_question`` argument (``--question`` on the command line, the Question
   box on the batch page): only for answers that name no question of their own, so a
   ``q4_ravi.txt`` is never scored as Q1 because Q1 was chosen for the rest;
4. the rubric's only question, when it has just one.

An answer file's bytes are read when its item is made, but turned into text only by
:func:`read_item` (:func:`iter_items` does it unless ``extract=False``): a batch that
resumes finds a stored answer by its ``origin`` (size, time and SHA-256 of its bytes)
without extracting a PDF or a Word file again.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO

from evaluator.io.archives import ArchiveError, entry_problem, open_zip, read_entry, unsafe_path
from evaluator.io.files import FileRefused, read_regular
from evaluator.io.ingest import IngestError, NeedsOcr, format_problem, read_answer_bytes
from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits
from evaluator.io.tables import CsvError, CsvRow, MissingColumnError, iter_csv, open_csv

log = logging.getLogger(__name__)

ARCHIVE_SUFFIX = ".zip"
CSV_SUFFIX = ".csv"
_SYSTEM_FILES = frozenset({"__macosx", "thumbs.db", "desktop.ini"})  # added by an operating system, not a student
_CSV_INSIDE = ("a .csv inside a folder or archive is not read: name it on the command line (or upload it on its "
               "own) to score its rows")


@dataclass(frozen=True)
class AnswerItem:
    """One answer to score, or the reason it cannot be.

    Attributes:
        key: unique, stable name of the answer in this batch: ``answers/asha_q1.txt``,
            ``answers.zip/asha_q1.txt`` or ``answers.csv#3`` (spreadsheet row 3). Always valid
            text: bytes of a file name that are not UTF-8 are shown as ``%XX`` (``caf%E9_q1.txt``).
        source: the file the user named or uploaded that the answer came from.
        student: from the CSV ``student`` column, else the file name without its question token.
        question_id: the rubric question the answer is for, or ``None`` when unknown.
        text: the answer text (``None`` when ``error`` is set or the bytes are not read yet, or for a scan).
        error: why the answer cannot be scored, starting with its ``key``.
        origin: what the text is read from: the size, modification time and SHA-256 of the file's
            bytes ("" for a CSV cell, whose text is its own origin).
        data: the file's bytes, until :func:`read_item` turns them into ``text`` (or ``scan``).
        scan: the bytes of a photo or scanned PDF, read by OCR where the answer is scored (in a worker).
    """

    key: str
    source: str
    student: str
    question_id: str | None
    text: str | None = None
    error: str | None = None
    origin: str = ""
    data: bytes | None = field(default=None, repr=False, compare=False)
    limits: SourceLimits = field(default=DEFAULT_LIMITS, repr=False, compare=False)
    scan: bytes | None = field(default=None, repr=False)

    @property
    def unread(self) -> bool:
        """True while the answer's bytes are held but not yet read as text."""
        return self.data is not None


def read_item(item: AnswerItem) -> AnswerItem:
    """The item with its bytes read as an answer's text (through :mod:`evaluator.io.ingest`), or the reason why not.

    A photo or a scanned PDF keeps its bytes as ``scan``: OCR takes seconds a page, so it runs where the answer is
    scored (in the batch's workers).
    """
    if item.data is None:
        return item
    try:
        text = read_answer_bytes(item.key, item.data, limits=item.limits, ocr=False).text
    except NeedsOcr:
        return replace(item, data=None, scan=item.data)
    except IngestError as exc:
        return replace(item, data=None, error=str(exc))
    return replace(item, data=None, text=text)


@dataclass(frozen=True)
class _Context:
    question_ids: tuple[str, ...]
    default_question: str | None
    limits: SourceLimits
    read: bool = True  # False: list the inputs only (to count them), reading no answer's bytes


def display_name(name: str) -> str:
    """A file name as valid text: each byte that is not UTF-8 (a Latin-1 name from a Windows zip or disk, which
    Python holds as a lone surrogate) is shown as ``%XX``, so the name can be stored, exported and shown.

    >>> display_name("caf\\udce9_q1.txt")
    'caf%E9_q1.txt'
    """
    if not any("\ud800" <= c <= "\udfff" for c in name):
        return name
    return "".join(f"%{ord(c) - 0xDC00:02X}" if "\udc80" <= c <= "\udcff" else "\ufffd" if "\ud800" <= c <= "\udfff"
                   else c for c in name)


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


def _origin(data: bytes, size: int, modified: object) -> str:
    return f"{size}:{modified}:{hashlib.sha256(data).hexdigest()}"


Read = Callable[[], "tuple[bytes, int, object] | str"]  # an input's bytes, size and modification time, or why not


def _answer(ctx: _Context, key: str, source: str, rel: str, read: Read) -> AnswerItem:
    """One answer file's item: its question from the name; its bytes from ``read()``. Files in no answer
    format are not read."""
    question_id, problem = _resolve_question(ctx, rel)
    student = _student_from_name(rel, question_id)
    problem = format_problem(rel) or problem  # a photo of an answer: say it is a photo, not that it names no question
    if problem:
        return _error_item(key, source, problem, student=student, question_id=question_id)
    if not ctx.read:
        return AnswerItem(key, source, student, question_id)
    got = read()
    if isinstance(got, str):
        return _error_item(key, source, got, student=student, question_id=question_id)
    data, size, modified = got
    return AnswerItem(key, source, student, question_id, origin=_origin(data, size, modified), data=data,
                      limits=ctx.limits)


def _ignored(part: str) -> bool:
    """Hidden files and what an operating system adds to folders and archives: not inputs, so no row."""
    return part.startswith(".") and part not in (".", "..") or part.lower() in _SYSTEM_FILES


def _from_zip(ctx: _Context, key: str, fileobj: IO[bytes]) -> Iterator[AnswerItem]:
    """The entries of a .zip, one item each, refusing unsafe entries and bomb-like archives one row at a time."""
    limits = ctx.limits
    try:
        archive = open_zip(key, fileobj, limits)
    except ArchiveError as exc:
        yield _error_item(key, key, exc.reason)
        return
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        # 1. the whole archive: refuse before reading anything when it would inflate past the limit
        total = sum(i.file_size for i in infos)
        if total > limits.max_archive_bytes:
            yield _error_item(key, key, f"archive inflates to {total:,} bytes; the limit is "
                                        f"{limits.max_archive_bytes:,} (split it into smaller archives)")
            return
        seen: dict[str, int] = {}
        for info in infos:
            name = display_name(info.filename)
            entry_key = f"{key}/{name.lstrip('/')}"
            if not unsafe_path(name) and any(_ignored(p) for p in PurePosixPath(name).parts):
                continue
            # 2. a second entry of the same name is its own input: its own row, under its own key
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                yield _error_item(f"{entry_key} (entry {seen[name]})", key,
                                  f"the archive holds {seen[name]} entries named {name!r}; only the first is scored "
                                  "(rename the others and zip them again)")
                continue
            # 3. each entry: path, kind, size and compression ratio (before inflating it), then its bytes
            suffix = PurePosixPath(name).suffix.lower()
            problem = entry_problem(info, limits)
            if problem:
                yield _error_item(entry_key, key, problem)
            elif suffix == ARCHIVE_SUFFIX:
                yield _error_item(entry_key, key, "archives inside archives are not opened; unpack it first")
            elif suffix == CSV_SUFFIX:
                yield _error_item(entry_key, key, _CSV_INSIDE)
            else:
                yield _answer(ctx, entry_key, key, name, lambda info=info: _read_entry(archive, info))


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bytes, int, object] | str:
    try:
        data = read_entry(archive, info)
    except ArchiveError as exc:
        return exc.reason
    return data, info.file_size, "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}".format(*info.date_time)


def _from_csv(ctx: _Context, key: str, raw: IO[bytes]) -> Iterator[AnswerItem]:
    """One item per row of a CSV with columns ``student``, ``question`` (optional) and ``answer``, read row by row."""
    try:
        table = iter_csv(open_csv(key, raw), source=key, want="answer", max_field=ctx.limits.max_archive_bytes)
        for row in table.rows:
            if not row.is_blank:
                yield _csv_item(ctx, key, table.header, row)
    except MissingColumnError:
        yield _error_item(key, key, "an answer CSV needs a header row with an 'answer' column (and optionally "
                                    "'student' and 'question'), separated by commas, semicolons or tabs")
    except CsvError as exc:
        yield _error_item(key, key, exc.reason)


def _csv_item(ctx: _Context, key: str, header: tuple[str, ...], row: CsvRow) -> AnswerItem:
    row_key = f"{key}#{row.number}"
    student = row["student"].strip() or f"row {row.number}"
    named = row["question"].strip()
    question_id, problem = _resolve_question(ctx, "", named or None)
    if problem and not named:  # the file-name advice does not fit a CSV row
        where = ("the 'question' cell is empty; fill it in" if "question" in header
                 else "the CSV has no 'question' column; add one")
        problem = f"no question id: {where}, or {_choose_question(ctx.question_ids)}"
    if problem:
        return _error_item(row_key, key, problem, student=student)
    answer = row["answer"]
    if len(answer.encode("utf-8", "surrogatepass")) > ctx.limits.max_file_bytes:
        return _error_item(row_key, key, f"answer is over {ctx.limits.max_file_bytes:,} bytes",
                           student=student, question_id=question_id)
    return AnswerItem(row_key, key, student, question_id, answer)


def _from_bytes(ctx: _Context, name: str, data: bytes) -> Iterator[AnswerItem]:
    """Items in one uploaded file's bytes: an archive, an answer CSV, or a single answer."""
    name = display_name(name)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in (ARCHIVE_SUFFIX, CSV_SUFFIX) and len(data) > ctx.limits.max_archive_bytes:
        yield _error_item(name, name, f"{'archive' if suffix == ARCHIVE_SUFFIX else 'file'} is {len(data):,} "
                                      f"bytes; the limit is {ctx.limits.max_archive_bytes:,}")
    elif suffix == ARCHIVE_SUFFIX:
        yield from _from_zip(ctx, name, io.BytesIO(data))
    elif suffix == CSV_SUFFIX:
        yield from _from_csv(ctx, name, io.BytesIO(data))
    else:
        yield _answer(ctx, name, name, PurePosixPath(name).name, lambda: (data, len(data), ""))


_NOT_REGULAR = "refused: not a regular file (a pipe, socket or device)"


def _regular(path: Path, limit: int, noun: str = "file") -> str | None:
    """Why a path must not be opened (a pipe would block, a device never ends, a file is over ``limit``), or None."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        return _NOT_REGULAR
    if info.st_size > limit:
        return f"{noun} is {info.st_size:,} bytes; the limit is {limit:,}"
    return None


def _read_file(path: Path, limit: int) -> tuple[bytes, int, object] | str:
    """A regular file's bytes with its size and modification time, or why they cannot be read."""
    try:
        modified = path.stat().st_mtime_ns
        data = read_regular(path, limit)
    except FileRefused as exc:
        return f"refused: {exc.strerror}"
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    return data, len(data), modified


def _walk(root: Path) -> list[Path]:
    """Every entry under a folder, in path order, without following links to folders (they are listed, not entered)."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        here = Path(folder)
        kept = [d for d in subfolders if not _ignored(d)]
        subfolders[:] = [d for d in kept if not (here / d).is_symlink()]
        found.extend(here / d for d in kept if (here / d).is_symlink())
        found.extend(here / f for f in files if not _ignored(f))
    return sorted(found)


def _from_folder(ctx: _Context, folder: Path, key: str) -> Iterator[AnswerItem]:
    """Items for every file under a folder named on the command line; links that leave it are refused."""
    real_root = folder.resolve()
    for child in _walk(folder):
        child_key = display_name(str(child))
        rel = display_name(child.relative_to(folder).as_posix())
        if child.is_symlink():
            try:
                target = child.resolve(strict=True)
            except (OSError, RuntimeError):
                yield _error_item(child_key, key, "refused: a link to nothing (its target is missing or loops)")
                continue
            if not target.is_relative_to(real_root):
                yield _error_item(child_key, key, f"refused: a link to {display_name(str(target))}, outside the "
                                                  f"folder named ({display_name(str(folder))})")
                continue
            if target.is_dir():
                continue  # a folder inside the tree: its files are read where they are
            child = target
        suffix = child.suffix.lower()
        if suffix == ARCHIVE_SUFFIX:
            yield from _from_path(ctx, child, key=child_key)
        elif suffix == CSV_SUFFIX:
            yield _error_item(child_key, key, _CSV_INSIDE)
        else:
            yield _answer(ctx, child_key, key, rel,
                          lambda child=child: _read_file(child, ctx.limits.max_bytes_for(child.name)))


def _from_path(ctx: _Context, arg: str | Path, *, key: str | None = None) -> Iterator[AnswerItem]:
    """Items under one command-line path: a file, or a folder searched recursively."""
    path = Path(arg)
    key = key or display_name(str(arg))
    if path.is_dir():
        yield from _from_folder(ctx, path, key)
        return
    if not path.exists():
        yield _error_item(key, key, "no such file or folder")
        return
    suffix = path.suffix.lower()
    if suffix not in (ARCHIVE_SUFFIX, CSV_SUFFIX):
        yield _answer(ctx, key, key, display_name(path.name),
                      lambda: _read_file(path, ctx.limits.max_bytes_for(path.name)))
        return
    # an archive or a CSV is opened on disk and read a piece at a time: an entry, a row
    try:
        problem = _regular(path, ctx.limits.max_archive_bytes, "archive" if suffix == ARCHIVE_SUFFIX else "file")
        if problem:
            yield _error_item(key, key, problem)
            return
        with path.open("rb") as handle:
            yield from _from_zip(ctx, key, handle) if suffix == ARCHIVE_SUFFIX else _from_csv(ctx, key, handle)
    except OSError as exc:
        yield _error_item(key, key, f"cannot read the file ({exc.strerror or exc})")


def _limited(ctx: _Context, items: Iterable[AnswerItem]) -> Iterator[AnswerItem]:
    """Drop an input reached twice (a file named and also inside a folder named) and stop, with one error row,
    at the batch's answer limit."""
    seen: set[str] = set()
    for item in items:
        if item.key in seen:
            log.info("%s: named twice; scored once", item.key)
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
    extract: bool = True,
) -> Iterator[AnswerItem]:
    """Every input under the named files, folders (recursive), .zip archives and answer CSVs, one item each.

    Folders and archives give a row for every file in them but hidden and system files: answers
    (.txt, .md, .docx, .pdf, and photos and scans: .png, .jpg, .jpeg, .webp, .tif, .tiff) are read,
    .zip files in folders are opened, and anything else (a .doc, a .csv, which is read only when
    named directly) is an error row saying why. A link inside a folder is followed only to a file
    inside that folder.

    Args:
        paths: what the user named on the command line.
        question_ids: the rubric's question ids (``rubric.question_ids``).
        default_question: the question for answers whose CSV row or file name names none
            (an answer that names its own question keeps it; module docstring).
        limits: file, archive and batch limits.
        extract: read each file's bytes as text now (``False``: leave that to :func:`read_item`).

    Returns:
        An iterator of :class:`AnswerItem`, one per input (or per refused input), in path order.
    """
    ctx = _Context(tuple(question_ids), default_question, limits)
    items = _limited(ctx, (item for arg in paths for item in _from_path(ctx, arg)))
    return (read_item(item) for item in items) if extract else items


def count_items(paths: Iterable[str | Path], *, question_ids: Sequence[str], default_question: str | None = None,
                limits: SourceLimits = DEFAULT_LIMITS) -> int:
    """How many items :func:`iter_items` gives for these paths, found without reading any answer file."""
    ctx = _Context(tuple(question_ids), default_question, limits, read=False)
    return sum(1 for _ in _limited(ctx, (item for arg in paths for item in _from_path(ctx, arg))))


def count_uploads(files: Iterable[tuple[str, bytes]], *, question_ids: Sequence[str],
                  default_question: str | None = None, limits: SourceLimits = DEFAULT_LIMITS) -> int:
    """How many items :func:`iter_uploads` gives for these uploads (a .zip counts its answers), without reading any.

    >>> count_uploads([("a_q1.txt", b"x"), ("notes.csv", b"student,answer\\nA,x\\nB,y\\n")], question_ids=["Q1"])
    3
    """
    ctx = _Context(tuple(question_ids), default_question, limits, read=False)
    return sum(1 for _ in _limited(ctx, (item for name, data in files for item in _from_bytes(ctx, name, data))))


def iter_uploads(
    files: Iterable[tuple[str, bytes]],
    *,
    question_ids: Sequence[str],
    default_question: str | None = None,
    limits: SourceLimits = DEFAULT_LIMITS,
    extract: bool = True,
) -> Iterator[AnswerItem]:
    """Like :func:`iter_items` for uploaded ``(file name, bytes)`` pairs (.zip and .csv are opened).

    >>> items = list(iter_uploads([("asha_q2.txt", b"An answer."), ("q1.exe", b"MZ")], question_ids=["Q1", "Q2"]))
    >>> [(i.student, i.question_id, i.error) for i in items]  # doctest: +ELLIPSIS
    [('asha', 'Q2', None), ('q1', 'Q1', "q1.exe: unsupported file type '.exe'; use .txt, .md, .docx, .pdf, .png, ...")]
    """
    ctx = _Context(tuple(question_ids), default_question, limits)
    items = _limited(ctx, (item for name, data in files for item in _from_bytes(ctx, name, data)))
    return (read_item(item) for item in items) if extract else items

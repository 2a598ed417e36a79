"""The one CSV reader: answer CSVs for a batch, a mentor's marks, graded short-answer data sets.

Every CSV the evaluator reads goes through :func:`iter_csv` (a record at a time, for a batch's CSVs of
any size) or :func:`read_csv_text` (every row at once, for a mentor's marks): the delimiter is the first of
``,``, ``;`` and tab that gives the header a wanted column (spreadsheet exports in some locales use
``;``); quotes are strict, so an unclosed quote is an error naming the line where its record starts
rather than the rest of the file swallowed into one cell; header names are compared stripped and
lower-cased; every row keeps the line it starts on for error messages.

>>> table = read_csv_text("Student;Answer\\nasha;India and the US...\\n", source="class.csv", want="answer")
>>> table.delimiter, table.header, table.rows[0].line, table.rows[0]["student"]
(';', ('student', 'answer'), 2, 'asha')
"""

from __future__ import annotations

import csv
import io
import itertools
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from evaluator.io.ingest import IngestError, decode_text, text_encoding

DELIMITERS = (",", ";", "\t")
DEFAULT_MAX_FIELD = 200_000_000  # no cell is longer than the largest CSV read (``SourceLimits.max_archive_bytes``)
_FIELD_LIMIT_LOCK = threading.Lock()


class CsvError(ValueError):
    """A CSV that cannot be read, naming the source and the line."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source, self.reason, self.line = source, reason, line
        super().__init__(f"{source}{f':{line}' if line else ''}: {reason}")


class MissingColumnError(CsvError):
    """No delimiter gives the header the column the reader wants."""


@dataclass(frozen=True)
class CsvRow:
    """One record: its cells by (lower-cased) column name, the line it starts on, its spreadsheet row number."""

    cells: dict[str, str]
    line: int  # 1-based line of the file where the record starts
    number: int  # spreadsheet row number: the header is row 1

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    @property
    def is_blank(self) -> bool:
        return not any(value.strip() for value in self.cells.values())


@dataclass(frozen=True)
class CsvTable:
    """A parsed CSV: the header (stripped, lower-cased), the rows, and the delimiter used."""

    source: str
    header: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    delimiter: str

    def column(self, *names: str) -> str | None:
        """The first of ``names`` that is a column of this table (aliases such as "marks", "mark", "score")."""
        return next((n for n in names if n in self.header), None)


@dataclass(frozen=True)
class CsvStream:
    """A CSV being read: the header (stripped, lower-cased) and delimiter, and its rows, parsed one at a time."""

    source: str
    header: tuple[str, ...]
    delimiter: str
    rows: Iterator[CsvRow]


@contextmanager
def _field_limit(size: int) -> Iterator[None]:
    # the csv module refuses cells over 131,072 characters, which would drop a whole file for one long answer
    # (refused by its own row later). The limit is module-wide in CPython, so it is raised only while one
    # record is parsed, under a lock, and put back.
    if size <= csv.field_size_limit():
        yield
        return
    with _FIELD_LIMIT_LOCK:
        previous = csv.field_size_limit(size)
        try:
            yield
        finally:
            csv.field_size_limit(previous)


def iter_csv(stream: TextIO, *, source: str = "<csv>", want: str | None = None,
             delimiters: Sequence[str] = DELIMITERS, max_field: int = DEFAULT_MAX_FIELD) -> CsvStream:
    """Read a CSV from a text stream a record at a time (memory holds one record, whatever the file's size).

    Args:
        stream: the text, opened with ``newline=""`` (see :func:`open_csv`).
        source: the file name, for error messages.
        want: a column the header must have to pick the delimiter (default: the first delimiter is used).
        delimiters: the delimiters tried, in order.
        max_field: the longest cell read (longer cells are a broken record).

    Raises:
        CsvError: no delimiter gives a ``want`` column, or the file is empty; a broken record raises it while the
            rows are read, naming the line it starts on.
    """
    first = stream.readline()
    chosen = delimiters[0]
    if want is not None:
        for delimiter in delimiters:
            names = next(csv.reader([first], delimiter=delimiter), [])
            if want in (h.strip().lower() for h in names):
                chosen = delimiter
                break
        else:
            raise MissingColumnError(source, f"no '{want}' column in the header row", line=1)
    if not first:
        raise CsvError(source, "the file is empty: a header row is needed", line=1)
    reader = csv.reader(itertools.chain([first], stream), delimiter=chosen, strict=True)
    header = tuple(h.strip().lower() for h in _record(reader, source, 0, max_field) or ())
    return CsvStream(source, header, chosen, _rows(reader, source, header, max_field))


def _record(reader: Any, source: str, ended_on: int, max_field: int) -> list[str] | None:
    """The next record, or None at the end; a broken record is a :class:`CsvError` naming the line it starts on."""
    with _field_limit(max_field):
        try:
            return next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise CsvError(source, f"not a readable CSV ({exc} in the record that starts on line {ended_on + 1}; "
                                   "check its quotes)", line=ended_on + 1) from None


def _rows(reader: Any, source: str, header: tuple[str, ...], max_field: int) -> Iterator[CsvRow]:
    ended_on, number = reader.line_num, 2  # the header ended there; it is spreadsheet row 1
    while (record := _record(reader, source, ended_on, max_field)) is not None:
        yield CsvRow(dict(zip(header, record, strict=False)), ended_on + 1, number)
        ended_on, number = reader.line_num, number + 1


def read_csv_text(text: str, *, source: str = "<csv>", want: str | None = None,
                  delimiters: Sequence[str] = DELIMITERS) -> CsvTable:
    """Parse CSV text whose first row is a header (:func:`iter_csv`, every row kept).

    Raises:
        CsvError: no delimiter gives a ``want`` column, or a record is broken (named by its first line).
    """
    stream = iter_csv(io.StringIO(text, newline=""), source=source, want=want, delimiters=delimiters,
                      max_field=len(text) + 1)
    return CsvTable(source, stream.header, tuple(stream.rows), stream.delimiter)


def open_csv(name: str, raw: BinaryIO) -> TextIO:
    """A text stream over a CSV file's bytes, once they are known to be text (checked to the end, nothing kept).

    Raises:
        CsvError: the bytes are not UTF-8 or UTF-16/32 text with a byte order mark.
    """
    try:
        encoding = text_encoding(name, raw)
    except IngestError as exc:
        raise CsvError(name, exc.reason) from None
    raw.seek(0)
    return io.TextIOWrapper(raw, encoding=encoding, newline="")


def read_csv_bytes(name: str, data: bytes, *, want: str | None = None) -> CsvTable:
    """Decode (UTF-8, or UTF-16/32 with a byte order mark) and parse a CSV file's bytes.

    Raises:
        CsvError: the bytes are not text, or the CSV cannot be read.
    """
    try:
        text = decode_text(name, data)
    except IngestError as exc:
        raise CsvError(name, exc.reason) from None
    return read_csv_text(text, source=name, want=want)

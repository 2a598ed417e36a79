"""The one CSV reader: answer CSVs for a batch, a mentor's marks, graded short-answer data sets.

Every CSV the evaluator reads goes through :func:`read_csv_text`: the delimiter is the first of
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
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from evaluator.io.ingest import IngestError, decode_text

DELIMITERS = (",", ";", "\t")
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


@contextmanager
def _field_limit(size: int) -> Iterator[None]:
    # the csv module refuses cells over 131,072 characters, which would drop a whole file for one long answer
    # (refused by its own row later); no cell is longer than the text. The limit is module-wide in CPython, so
    # it is raised only while this text is parsed, under a lock, and put back.
    if size <= csv.field_size_limit():
        yield
        return
    with _FIELD_LIMIT_LOCK:
        previous = csv.field_size_limit(size)
        try:
            yield
        finally:
            csv.field_size_limit(previous)


def read_csv_text(text: str, *, source: str = "<csv>", want: str | None = None,
                  delimiters: Sequence[str] = DELIMITERS) -> CsvTable:
    """Parse CSV text whose first row is a header.

    Args:
        text: the CSV text.
        source: the file name, for error messages.
        want: a column the header must have to pick the delimiter (default: the first delimiter is used).
        delimiters: the delimiters tried, in order.

    Raises:
        CsvError: no delimiter gives a ``want`` column, or a record is broken (named by its first line).
    """
    chosen = delimiters[0]
    if want is not None:
        for delimiter in delimiters:
            first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
            if want in (h.strip().lower() for h in first):
                chosen = delimiter
                break
        else:
            raise MissingColumnError(source, f"no '{want}' column in the header row", line=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen, strict=True)
    records: list[tuple[list[str], int]] = []
    ended_on = 0  # line where the last complete record ended
    with _field_limit(len(text) + 1):
        try:
            for record in reader:
                records.append((record, ended_on + 1))
                ended_on = reader.line_num
        except csv.Error as exc:
            raise CsvError(source, f"not a readable CSV ({exc} in the record that starts on line {ended_on + 1}; "
                                   "check its quotes)", line=ended_on + 1) from None
    if not records:
        raise CsvError(source, "the file is empty: a header row is needed", line=1)
    header = tuple(h.strip().lower() for h in records[0][0])
    rows = tuple(CsvRow(dict(zip(header, record, strict=False)), line, number)
                 for number, (record, line) in enumerate(records[1:], start=2))
    return CsvTable(source, header, rows, chosen)


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

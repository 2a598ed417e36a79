"""Batch results as a table: a pandas DataFrame, and CSV / JSON Lines / Excel bytes.

Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) get a leading ``'`` in CSV and Excel output,
so a file name or an answer-derived string like ``=HYPERLINK(...)`` stays text
(OWASP "CSV injection"). JSON Lines is for programs and keeps values as they are.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from evaluator.batch.rows import ResultRow

Format = Literal["csv", "jsonl", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl", "xlsx")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
POINT_PREFIX = "kp:"  # per-key-point status columns: "kp:industrial-roadmap"
POINTS_COLUMN = "key_points"  # compact "id:status;id:status" when rows answer different questions
COLUMNS = ["file", "student", "question", "marks", "max_marks"]
TRAILING_COLUMNS = ["word_count", "feedback", "outcome", "rubric", "error"]
OCR_COLUMNS = ["needs_review", "ocr_confidence"]  # after max_marks, when the batch has photos or scans
OCR_TEXT_COLUMN = "ocr_text"  # last: the text OCR read, for a mentor to check against the page


def neutralise_formula(value: object) -> object:
    """Text that a spreadsheet would evaluate, made inert with a leading ``'``; anything else unchanged.

    >>> [neutralise_formula(v) for v in ["=1+1", "@SUM(A1)", "-2", "\\tx", "ok", -2, None]]
    ["'=1+1", "'@SUM(A1)", "'-2", "'\\tx", 'ok', -2, None]
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def results_frame(rows: Sequence[ResultRow]) -> pd.DataFrame:
    """One row per answer: file, student, question, marks, key-point statuses, words, feedback, outcome, error.

    When every scored answer is for the same question, each key point gets its own
    column (``kp:<id>``); otherwise one ``key_points`` column lists ``id:status;...``.
    When some answers were photos or scans, ``needs_review`` and ``ocr_confidence`` follow
    ``max_marks`` and ``ocr_text`` comes last (blank for typed answers).
    """
    questions = {r.question_id for r in rows if r.points}
    scans = any(r.ocr_confidence is not None for r in rows)
    records = []
    for r in rows:
        record: dict[str, object] = {
            "file": r.key, "student": r.student, "question": r.question_id, "marks": r.marks, "max_marks": r.max_marks,
        }
        if len(questions) <= 1:
            record.update({POINT_PREFIX + pid: status for pid, status in r.points})
        else:
            record[POINTS_COLUMN] = ";".join(f"{pid}:{status}" for pid, status in r.points)
        record.update({"word_count": r.word_count, "feedback": r.feedback, "outcome": r.outcome, "rubric": r.rubric,
                       "error": r.error})
        if scans:
            record.update({"needs_review": r.needs_review, "ocr_confidence": r.ocr_confidence,
                           OCR_TEXT_COLUMN: r.ocr_text})
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS + TRAILING_COLUMNS)
    first = COLUMNS + (OCR_COLUMNS if scans else [])
    last = TRAILING_COLUMNS + ([OCR_TEXT_COLUMN] if scans else [])
    middle = [c for c in frame.columns if c not in first and c not in last]
    frame = frame[first + middle + last]
    frame["marks"] = frame["marks"].astype("Float64")
    frame["max_marks"] = frame["max_marks"].astype("Float64")
    return frame


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised and the characters that Excel files cannot hold removed."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(value: object) -> object:
        if isinstance(value, str):
            return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", value))  # keeps tab, CR and LF
        return value

    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(clean)
    safe.columns = [str(clean(c)) for c in safe.columns]
    return safe


def export_bytes(rows: Sequence[ResultRow], fmt: Format) -> bytes:
    """The results in a file format: ``csv`` (UTF-8 with BOM, for Excel), ``jsonl`` or ``xlsx``.

    >>> rows = [ResultRow("=cmd.txt", "a", "Q1", 6.0, 15.0, "scored", 120, (("p1", "covered"),))]
    >>> export_bytes(rows, "csv").decode("utf-8-sig").splitlines()[1]
    "'=cmd.txt,a,Q1,6.0,15.0,covered,120,,scored,,"
    """
    if fmt == "jsonl":
        lines = [json.dumps({**r.to_dict(), "points": dict(r.points)}, ensure_ascii=False) for r in rows]
        return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")
    frame = _safe_frame(results_frame(rows))
    if fmt == "csv":
        # CRLF as RFC 4180 says: the writer then quotes every cell holding a CR or LF, so rows never split
        return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    if fmt == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name="results")
            sheet = writer.sheets["results"]
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            for cells in sheet.columns:
                width = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
                sheet.column_dimensions[cells[0].column_letter].width = min(max(width, 8) + 2, 60)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")

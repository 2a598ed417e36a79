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
POINT_PREFIX = "kp:"  # per-key-point columns: "kp:industrial-roadmap" (status), "kp:industrial-roadmap:score"
SCORE_SUFFIX, MENTOR_SUFFIX = ":score", ":mentor"  # a point's score, and its status as a mentor set it
COLUMNS = ["file", "student", "question", "marks", "max_marks", "mentor_marks"]
TRAILING_COLUMNS = ["word_count", "feedback", "outcome", "rubric", "calibrated_on", "reviewer", "review_reason",
                    "mentor_comment", "error"]
OCR_COLUMNS = ["needs_review", "ocr_confidence"]  # after max_marks, when the batch has photos or scans
FITS_BETTER_COLUMN = "fits_better"  # after max_marks, when some answer fits another question better
OCR_TEXT_COLUMN = "ocr_text"  # last: the text OCR read, for a mentor to check against the page


def neutralise_formula(value: object) -> object:
    """Text that a spreadsheet would evaluate, made inert with a leading ``'``; anything else unchanged.

    >>> [neutralise_formula(v) for v in ["=1+1", "@SUM(A1)", "-2", "\\tx", "ok", -2, None]]
    ["'=1+1", "'@SUM(A1)", "'-2", "'\\tx", 'ok', -2, None]
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def point_columns(rows: Sequence[ResultRow]) -> dict[tuple[str, str], str]:
    """The column stem of every key point in the rows, by (question, point id), in order of appearance:
    ``kp:<id>`` when the rows answer one question, ``kp:<question>:<id>`` when they answer several.

    >>> point_columns([ResultRow("a", "a", "Q1", 1.0, 5.0, "scored", points=(("p", "covered"),)),
    ...                ResultRow("b", "b", "Q2", 1.0, 5.0, "scored", points=(("p", "missing"),))])
    {('Q1', 'p'): 'kp:Q1:p', ('Q2', 'p'): 'kp:Q2:p'}
    """
    questions = {r.question_id for r in rows if r.points}
    stems: dict[tuple[str, str], str] = {}
    for r in rows:
        for pid, _ in r.points:
            stems.setdefault((r.question_id, pid),
                             POINT_PREFIX + (pid if len(questions) <= 1 else f"{r.question_id}:{pid}"))
    return stems


def results_frame(rows: Sequence[ResultRow]) -> pd.DataFrame:
    """One row per answer: file, student, question, the evaluator's and the mentor's marks, every key point's status
    and score (one column each), words, feedback, outcome, who reviewed it and why, and the error.

    A key point's status column is the evaluator's; where a mentor changed some point's status, that point also
    gets a ``:mentor`` column with the mentor's. Answers to other questions leave a point's columns blank.
    When some answer fits another question better, ``fits_better`` names it (``Q2``, or ``rubric-id Q1`` for
    another rubric's) after the marks. When some answers were photos or scans, ``needs_review`` and
    ``ocr_confidence`` follow the marks and ``ocr_text`` comes last (blank for typed answers).
    """
    stems = point_columns(rows)
    mentor_set = {(r.question_id, pid) for r in rows if r.mentor for pid, _ in r.mentor.points}
    scans = any(r.ocr_confidence is not None for r in rows)
    elsewhere = any(r.fits_better for r in rows)
    records = []
    for r in rows:
        mentor = r.mentor
        record: dict[str, object] = {
            "file": r.key, "student": r.student, "question": r.question_id, "marks": r.marks,
            "max_marks": r.max_marks, "mentor_marks": mentor.marks if mentor else None,
        }
        scores = dict(zip((pid for pid, _ in r.points), r.scores, strict=False))
        for (question, pid), stem in stems.items():
            status = dict(r.points).get(pid, "") if question == r.question_id else ""
            record[stem] = status
            record[stem + SCORE_SUFFIX] = scores.get(pid) if status else None
            if (question, pid) in mentor_set:
                record[stem + MENTOR_SUFFIX] = (mentor.point_status.get(pid, "")
                                                if mentor and question == r.question_id else "")
        record.update({"word_count": r.word_count, "feedback": r.feedback, "outcome": r.outcome, "rubric": r.rubric,
                       "calibrated_on": r.calibrated_on or None, "reviewer": mentor.reviewer if mentor else "",
                       "review_reason": mentor.reason if mentor else "",
                       "mentor_comment": mentor.comment if mentor else "", "error": r.error})
        if elsewhere:
            record[FITS_BETTER_COLUMN] = r.fits_better
        if scans:
            record.update({"needs_review": r.needs_review, "ocr_confidence": r.ocr_confidence,
                           OCR_TEXT_COLUMN: r.ocr_text})
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS + TRAILING_COLUMNS)
    first = COLUMNS + ([FITS_BETTER_COLUMN] if elsewhere else []) + (OCR_COLUMNS if scans else [])
    last = TRAILING_COLUMNS + ([OCR_TEXT_COLUMN] if scans else [])
    middle = [c for c in frame.columns if c not in first and c not in last]
    frame = frame[first + middle + last]
    for column in ["marks", "mentor_marks", "max_marks", "calibrated_on"] + [c for c in middle
                                                                            if c.endswith(SCORE_SUFFIX)]:
        frame[column] = frame[column].astype("Float64")
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

    >>> rows = [ResultRow("=cmd.txt", "a", "Q1", 6.0, 15.0, "scored", 120, (("p1", "covered"),), scores=(0.8,))]
    >>> export_bytes(rows, "csv").decode("utf-8-sig").splitlines()[1]
    "'=cmd.txt,a,Q1,6.0,15.0,,covered,0.8,120,,scored,,,,,,"
    """
    if fmt == "jsonl":
        lines = [json.dumps({**r.to_dict(), "points": dict(r.points),
                             "scores": dict(zip((pid for pid, _ in r.points), r.scores, strict=False))}, ensure_ascii=False)
                 for r in rows]
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

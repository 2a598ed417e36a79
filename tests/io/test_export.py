"""Results tables: one row per answer, key-point columns, and no formulas reaching a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from evaluator.batch.rows import MentorReview, ResultRow, with_reviews
from evaluator.io.export import export_bytes, neutralise_formula, results_frame

SCORED = ResultRow("answers/q1_asha.txt", "asha", "Q1", 7.5, 15.0, "scored", 180,
                   (("visit-context", "covered"), ("roadmap", "partial")), "7.5/15: 1 of 2 key points covered.", "",
                   scores=(0.81, 0.45))
EMPTY = ResultRow("answers/q1_empty.txt", "empty", "Q1", None, 15.0, "empty", 0, (), "The answer is empty.",
                  "answers/q1_empty.txt: The answer is empty.")
NON_ENGLISH = ResultRow("answers/q1_hindi.txt", "hindi", "Q1", None, 15.0, "non_english", 120, (),
                        "The answer does not look like English.",
                        "answers/q1_hindi.txt: The answer does not look like English.")
ERROR = ResultRow("answers/bad_q1.pdf", "bad", "Q1", None, None, "error",
                  error="answers/bad_q1.pdf: corrupt or unreadable PDF (PdfStreamError)")
OTHER_QUESTION = ResultRow("answers/q2_ravi.txt", "ravi", "Q2", 4.0, 10.0, "scored", 120,
                           (("platforms", "covered"),), "4/10", "", scores=(0.7,))
# names a student or a file could carry that a spreadsheet would run
HOSTILE = ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+91 98", "'+91 98"),
        ("-x", "'-x"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("asha", "asha"),
        ("a=b", "a=b"),  # only a leading sign matters
        ("", ""),
        (-2.5, -2.5),  # numbers stay numbers
        (None, None),
    ],
)
def test_neutralise_formula(value: object, expected: object) -> None:
    assert neutralise_formula(value) == expected


def test_one_question_gets_a_status_and_a_score_column_per_key_point() -> None:
    frame = results_frame([SCORED, EMPTY, ERROR])
    assert list(frame.columns) == ["file", "student", "question", "marks", "max_marks", "mentor_marks",
                                   "kp:visit-context", "kp:visit-context:score", "kp:roadmap", "kp:roadmap:score",
                                   "word_count", "feedback", "outcome", "rubric", "calibrated_on", "reviewer",
                                   "review_reason", "mentor_comment", "error"]
    assert frame["kp:roadmap"].tolist()[0] == "partial"
    assert frame["kp:roadmap:score"].tolist()[0] == 0.45
    assert frame["marks"].isna().tolist() == [False, True, True]  # only a scored answer has marks
    assert frame["kp:roadmap:score"].isna().tolist() == [False, True, True]


REVIEW = MentorReview(9.0, (("roadmap", "covered"),), "Meena", "the roadmap is paraphrased", "Good use of facts.",
                      "2026-01-01T10:00:00+00:00", 1)


def test_the_export_carries_the_machine_and_the_mentor_marks_side_by_side() -> None:
    rows = with_reviews([SCORED, EMPTY], {SCORED.key: REVIEW})
    frame = results_frame(rows)
    first = frame.iloc[0]
    assert (first["marks"], first["mentor_marks"]) == (7.5, 9.0)
    assert (first["kp:roadmap"], first["kp:roadmap:mentor"]) == ("partial", "covered")  # both statuses kept
    assert "kp:visit-context:mentor" not in frame.columns  # only points a mentor changed get the column
    assert (first["reviewer"], first["review_reason"], first["mentor_comment"]) == \
        ("Meena", "the roadmap is paraphrased", "Good use of facts.")
    assert frame["mentor_marks"].isna().tolist() == [False, True]
    record = json.loads(export_bytes(rows, "jsonl").decode().splitlines()[0])
    assert record["mentor"]["marks"] == 9.0 and record["scores"] == {"visit-context": 0.81, "roadmap": 0.45}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
@pytest.mark.parametrize("row", [EMPTY, NON_ENGLISH, ERROR], ids=["empty", "non_english", "error"])
def test_answers_not_scored_have_blank_marks_and_say_why(fmt: str, row: ResultRow) -> None:
    data = export_bytes([SCORED, row], fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        record = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1]
    elif fmt == "jsonl":
        record = json.loads(data.decode().splitlines()[1])
    else:
        sheet = load_workbook(io.BytesIO(data)).active
        header = [c.value for c in sheet[1]]
        record = dict(zip(header, [c.value for c in sheet[3]], strict=True))
    assert record["marks"] in ("", None), record  # blank, not a 0 that a mentor would average in
    assert record["outcome"] == row.outcome and record["error"] == row.error


def test_a_not_scored_row_cannot_carry_marks() -> None:
    with pytest.raises(ValueError, match="a row with outcome 'non_english' has no marks"):
        ResultRow("q1_hindi.txt", "hindi", "Q1", 0.0, 15.0, "non_english")


def test_mixed_questions_get_one_column_per_key_point_of_each_question() -> None:
    frame = results_frame([SCORED, OTHER_QUESTION, ERROR])
    assert "key_points" not in frame.columns  # regression: every point was packed into one ';' cell
    assert frame["kp:Q1:roadmap"].tolist() == ["partial", "", ""]
    assert frame["kp:Q2:platforms"].tolist() == ["", "covered", ""]
    assert frame["kp:Q2:platforms:score"].isna().tolist() == [True, False, True]


def test_csv_has_one_row_per_answer_and_no_live_formulas() -> None:
    rows = [SCORED, EMPTY, ERROR] + [ResultRow(f"{h}.txt", h, "Q1", 1.0, 15.0, "scored") for h in HOSTILE]
    data = export_bytes(rows, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 correctly
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))

    assert [r["file"] for r in records[:3]] == [SCORED.key, EMPTY.key, ERROR.key]
    assert records[2]["error"] == "answers/bad_q1.pdf: corrupt or unreadable PDF (PdfStreamError)"
    assert records[2]["marks"] == ""
    for record, hostile in zip(records[3:], HOSTILE, strict=True):
        assert record["student"] == "'" + hostile
        assert record["file"] == "'" + hostile + ".txt"
    for record in records:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in record.values())


def test_xlsx_holds_text_not_formulas() -> None:
    rows = [SCORED, ERROR] + [ResultRow("f.txt", h, "Q1", 1.0, 15.0, "scored", error="bad\x01char") for h in HOSTILE]
    sheet = load_workbook(io.BytesIO(export_bytes(rows, "xlsx"))).active
    cells = [c for row in sheet.iter_rows() for c in row]

    assert sheet.max_row == len(rows) + 1
    assert [c.value for c in sheet[1]][:6] == ["file", "student", "question", "marks", "max_marks", "mentor_marks"]
    assert all(c.data_type != "f" for c in cells)
    assert [sheet.cell(row=i + 4, column=2).value for i in range(len(HOSTILE))] == ["'" + h for h in HOSTILE]
    assert sheet.cell(row=4, column=sheet.max_column).value == "badchar"  # control characters Excel rejects
    assert sheet.cell(row=2, column=4).value == 7.5


def test_jsonl_keeps_values_as_they_are() -> None:
    lines = export_bytes([SCORED, ERROR, ResultRow("=x.txt", "=x", "Q1", 1.0, 15.0, "scored")], "jsonl")
    records = [json.loads(line) for line in lines.decode().splitlines()]
    assert len(records) == 3
    assert records[0]["points"] == {"visit-context": "covered", "roadmap": "partial"}
    assert records[1]["marks"] is None and records[1]["outcome"] == "error"
    assert records[2]["key"] == "=x.txt"  # for programs, not spreadsheets


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_no_rows_still_makes_a_readable_file(fmt: str) -> None:
    data = export_bytes([], fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        assert data.decode("utf-8-sig").splitlines()[0].startswith("file,student,question,marks")
    elif fmt == "jsonl":
        assert data == b""
    else:
        assert load_workbook(io.BytesIO(data)).active.max_row == 1


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="use one of csv, jsonl, xlsx"):
        export_bytes([SCORED], "ods")  # type: ignore[arg-type]

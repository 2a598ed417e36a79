"""Specification of the one CSV reader shared by batch answer CSVs, mentor marks and graded data sets."""

from __future__ import annotations

import csv

import pytest

from evaluator.io.tables import CsvError, MissingColumnError, read_csv_bytes, read_csv_text


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_the_one_that_gives_the_wanted_column(delimiter: str) -> None:
    text = delimiter.join(["Student", " Answer "]) + "\n" + delimiter.join(["asha", "India, the US"]) + "\n"
    if delimiter == ",":
        text = 'Student,Answer\nasha,"India, the US"\n'
    table = read_csv_text(text, want="answer")
    assert table.delimiter == delimiter
    assert table.header == ("student", "answer")
    assert table.rows[0]["answer"] == "India, the US"


def test_rows_know_their_first_line_and_spreadsheet_number() -> None:
    table = read_csv_text('a,b\n1,"two\nlines"\n\n3,4\n')
    assert [(r.line, r.number, r.is_blank) for r in table.rows] == [(2, 2, False), (4, 3, True), (5, 4, False)]
    assert table.rows[0]["b"] == "two\nlines"
    assert table.rows[0]["missing"] == ""


def test_an_unclosed_quote_names_the_line_where_its_record_starts() -> None:
    with pytest.raises(CsvError) as caught:
        read_csv_text('answer\nok\n"never closed\nmore\n', source="class.csv")
    assert caught.value.line == 3
    assert str(caught.value).startswith("class.csv:3: not a readable CSV (") and "line 3; check its quotes" in str(caught.value)


def test_a_missing_wanted_column_is_its_own_error() -> None:
    with pytest.raises(MissingColumnError, match="no 'answer' column"):
        read_csv_text("student,text\nasha,x\n", want="answer")


def test_column_aliases() -> None:
    table = read_csv_text("Question,Mark,File\nQ1,5,a.txt\n")
    assert table.column("question_id", "question") == "question"
    assert table.column("marks", "mark", "score") == "mark"
    assert table.column("answer", "text") is None


def test_a_cell_longer_than_the_csv_module_default_is_read_and_the_default_restored() -> None:
    before = csv.field_size_limit()
    long_answer = "word " * 40_000  # 200,000 characters, over the module's 131,072
    table = read_csv_text(f"answer\n{long_answer}\n")
    assert table.rows[0]["answer"] == long_answer
    assert csv.field_size_limit() == before


def test_bytes_are_decoded_like_answer_files() -> None:
    assert read_csv_bytes("m.csv", "answer\nभारत\n".encode("utf-16")).rows[0]["answer"] == "भारत"
    with pytest.raises(CsvError, match="m.csv: not UTF-8 text"):
        read_csv_bytes("m.csv", "answer\nDéfense\n".encode("latin-1"))
    with pytest.raises(CsvError, match="the file is empty"):
        read_csv_text("")

"""Specification of feedback sheets: what a page says, escaping, one page per answer, one file pair per student."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from pypdf import PdfReader

from evaluator import ScoringSettings, evaluate, load_rubric
from evaluator.views.reports import FeedbackSheet, report_html, report_pdf, reports_zip, sheet_html, student_reports
from tests.conftest import RUBRIC_PATH, SAMPLES

LEXICAL = ScoringSettings(semantic=False)


@pytest.fixture(scope="module")
def sheets() -> list[FeedbackSheet]:
    rubric = load_rubric(RUBRIC_PATH)
    q1, q2 = rubric.question("Q1"), rubric.question("Q2")
    average = evaluate((SAMPLES / "q1_average.txt").read_text(encoding="utf-8"), q1, settings=LEXICAL)
    poor = evaluate((SAMPLES / "q2_poor.txt").read_text(encoding="utf-8"), q2, settings=LEXICAL)
    missing = next(p for p in poor.points if p.status == "missing")
    return [
        FeedbackSheet("Asha <script>", "asha_q1.txt", q1, average),
        FeedbackSheet("Ravi", "ravi_q2.txt", q2, poor, mentor_marks=5.0, mentor_points={missing.id: "contradicted"},
                      mentor_comment="Check the DTTI dates “carefully” — ₹ figures too.", reviewer="Meena"),
        FeedbackSheet("Asha <script>", "asha_q2.txt", q2, evaluate("", q2)),
    ]


def test_a_sheet_quotes_covered_points_gives_hints_for_the_rest_and_structure_advice(sheets) -> None:  # noqa: ANN001
    page = sheet_html(sheets[0])
    e = sheets[0].evaluation
    covered = next(p for p in e.points if p.status == "covered")
    assert "Points you made" in page and "You wrote: “" in page
    assert covered.point.replace("'", "&#x27;") in page
    for p in (p for p in e.points if p.status != "covered" and p.hint):
        assert p.hint.replace("'", "&#x27;").replace('"', "&quot;")[:40] in page
    assert all(c.message.replace("'", "&#x27;")[:30] in page for c in e.structure.checks if not c.passed)
    assert f"{e.marks:g} / 15 marks" in page


def test_names_and_text_are_escaped(sheets) -> None:  # noqa: ANN001
    assert "<script>" not in sheet_html(sheets[0]) and "Asha &lt;script&gt;" in sheet_html(sheets[0])


def test_the_mentor_has_the_last_word_on_marks_and_statuses(sheets) -> None:  # noqa: ANN001
    page = sheet_html(sheets[1])
    assert f"5 / 10 marks (marked by Meena; the evaluator gave {sheets[1].evaluation.marks:g})" in page
    assert "<h2>Contradicted (1)</h2>" in page  # a status without a heading of its own still shows
    assert "(your mentor&#x27;s judgement)" in page
    assert "Mentor's comment (Meena)" in page and "Check the DTTI dates" in page


def test_a_refused_answer_says_why(sheets) -> None:  # noqa: ANN001
    assert "Not scored: The answer is empty" in sheet_html(sheets[2])


def test_the_html_document_breaks_the_page_after_each_answer(sheets) -> None:  # noqa: ANN001
    document = report_html(sheets, title="Feedback")
    assert document.count('<section class="sheet">') == 3 and "page-break-after: always" in document


@pytest.mark.parametrize("core_font", [False, True], ids=["system font", "core font"])
def test_the_pdf_starts_each_answer_on_a_new_page_with_its_text(sheets, core_font: bool) -> None:  # noqa: ANN001
    # the core font is what a system without DejaVu gets: Helvetica, characters it cannot draw replaced
    reader = PdfReader(io.BytesIO(report_pdf(sheets, core_font=core_font)))
    starts = [n for n, page in enumerate(reader.pages) if "· Q" in page.extract_text()]
    assert len(starts) == 3 and starts[0] == 0
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Mentor's comment (Meena)" in text and "Check the DTTI dates" in text
    assert "Not scored: The answer is empty" in text


def test_each_student_gets_one_html_and_one_pdf_with_all_their_answers(sheets) -> None:  # noqa: ANN001
    files = student_reports(sheets)
    assert sorted(files) == ["Asha_script.html", "Asha_script.pdf", "Ravi.html", "Ravi.pdf"]
    assert files["Asha_script.html"].decode().count('<section class="sheet">') == 2
    with zipfile.ZipFile(io.BytesIO(reports_zip(sheets))) as archive:
        assert sorted(archive.namelist()) == sorted(files)


def test_a_calibrated_result_says_so_on_the_sheet(sheets) -> None:  # noqa: ANN001
    from evaluator.core.results import Calibration

    e = sheets[0].evaluation
    sheet = replace(sheets[0], evaluation=replace(e, calibration=Calibration(42, 1, e.marks)))
    assert "(calibrated on 42 mentor marks)" in sheet_html(sheet)


@pytest.mark.parametrize("answer", ["q1_keywords.txt", "q1_offtopic.txt", "q1_average.txt"])
def test_a_sheet_carries_every_red_flag_and_message_of_the_batch_table(answer: str) -> None:
    from evaluator.batch.runner import score_item
    from evaluator.io.sources import AnswerItem

    rubric = load_rubric(RUBRIC_PATH)
    text = (SAMPLES / answer).read_text(encoding="utf-8")
    row = score_item(AnswerItem(answer, answer, "Asha", "Q1", text), rubric, semantic=False)
    sheet = FeedbackSheet("Asha", answer, rubric.question("Q1"), evaluate(text, rubric.question("Q1"),
                                                                           settings=LEXICAL, rubric=rubric))
    page = sheet_html(sheet)
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf([sheet]))).pages).split())
    messages = sheet.why()
    assert messages and row.feedback.startswith(messages[0][:40])
    for message in messages:  # the CSV's feedback column is made of these
        assert message[:60].replace("'", "&#x27;").replace('"', "&quot;") in page
        assert " ".join(message.split())[:60] in pdf
    if answer == "q1_keywords.txt":  # regression: the CSV said so, the sheet showed 0/15 and no reason
        assert "list of keywords" in " ".join(messages)


def test_a_sheet_says_which_question_the_answer_fits_better(sheets) -> None:  # noqa: ANN001
    page = sheet_html(replace(sheets[0], fits_better="gst-council-federalism Q1"))
    assert "This answer fits gst-council-federalism Q1 better than Q1" in page

"""OCR text checked against the question's vocabulary and English: what is corrected, what is left for the student."""

from __future__ import annotations

import pytest

from evaluator import load_rubric
from evaluator.rubrics.vocabulary import correct_ocr
from tests.conftest import ROOT

PANCHAYAT = load_rubric(ROOT / "rubrics" / "panchayati-raj-73rd-amendment.yaml").question("Q1")
US = load_rubric(ROOT / "rubrics" / "india_us_defence.yaml").question("Q1")


@pytest.mark.parametrize(
    ("read", "corrected"),
    [
        ("coustitutional", "constitutional"),  # the misreads of the issue
        ("Uwion", "Union"),
        ("fonward", "forward"),
        ("andthestates", "and the states"),
        ("Panchayts", "Panchayats"),  # the rubric's own word, not English's
    ],
)
def test_a_misread_word_is_corrected_to_the_nearest_rubric_or_english_word(read: str, corrected: str) -> None:
    fixed = correct_ocr(f"The {read} matter.", PANCHAYAT)
    assert fixed.text() == f"The {corrected} matter."
    assert [(c.original, c.corrected) for c in fixed.corrections] == [(read, corrected)]


@pytest.mark.parametrize("word", ["is", "body", "votes", "iCET", "DTTI", "243K", "INDUS-X", "co-production"])
def test_words_read_right_names_and_codes_are_left_alone(word: str) -> None:
    fixed = correct_ocr(f"The {word} matters here.", US)
    assert fixed.text() == f"The {word} matters here." and not fixed.corrections and not fixed.unknown


def test_a_word_no_vocabulary_knows_is_left_as_read_for_the_student_to_check() -> None:
    fixed = correct_ocr("The xqzvwy was signed.", US)
    assert fixed.text() == "The xqzvwy was signed." and fixed.unknown == ("xqzvwy",)
    assert "xqzvwy" in fixed.to_check


def test_each_correction_can_be_undone_alone() -> None:
    fixed = correct_ocr("The coustitutional Uwion list.", PANCHAYAT)
    assert fixed.text(undone={1}) == "The constitutional Uwion list."
    assert fixed.text(undone={0, 1}) == fixed.original


def test_a_page_written_in_capitals_is_corrected_in_capitals() -> None:
    fixed = correct_ocr("THE ROADMAP FOR DEFEMCE COOPERATION WAS MADE WITH THE USA AND DTTI.", US)
    assert fixed.text() == "THE ROADMAP FOR DEFENCE COOPERATION WAS MADE WITH THE USA AND DTTI."


GST = load_rubric(ROOT / "rubrics" / "gst-council-federalism.yaml").question("Q1")  # years 2015, 2016, 2017, 2022


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        ("The 101st Amendment of 2046 created the Council.", "The 101st Amendment of 2016 created the Council."),
        ("GST came in 2017 after the 2016 amendment.", None),  # the rubric's own years
        ("India won the cricket World Cup in 2011.", None),  # 2015, 2016 and 2017 are each one digit away
        ("Cricket grew after 2046.", None),  # one digit from 2016, but nothing the rubric writes beside it
        ("In 1991 the economy was opened.", None),  # no rubric year near
        ("The amendment ran to 2,046 pages.", None),  # a count, not a year
    ],
)
def test_regression_a_year_misread_by_one_digit_is_read_as_the_rubrics_year_only_in_its_context(
        read: str, kept: str | None) -> None:
    fixed = correct_ocr(read, GST)
    assert fixed.text() == (kept or read)
    if kept:
        assert [(c.original, c.corrected) for c in fixed.corrections] == [("2046", "2016")]
        assert fixed.text(undone={0}) == read  # shown, and undone like any correction

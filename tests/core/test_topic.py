"""What a question is about: an answer that never names its declared subject is told to name it.

A question may declare its subject by aliases (``Question.subject``). Naming it is advice, not a verdict: an
answer that paraphrases every name keeps its marks, and is asked to use the question's own terms.
"""

from __future__ import annotations

import pytest

from evaluator import evaluate, load_rubric
from evaluator.core.topic import names_subject
from tests.conftest import ROOT

UNSC = load_rubric(ROOT / "rubrics" / "unsc-reform-india.yaml")
INDIA_US = load_rubric(ROOT / "rubrics" / "india_us_defence.yaml")


@pytest.mark.parametrize(("text", "named"), [
    ("The Security Council has five permanent members.", True),
    ("UNSC reform has stalled.", True),
    ("The P5 hold a veto.", True),
    ("Security Councils of many bodies ...", True),  # a plural is the same name
    ("India led the G20 in 2023 and spoke for the Global South.", False),
    ("The unsc is mentioned in lower case.", False),  # a short acronym is read by its case
])
def test_an_answer_names_the_subject_by_any_alias(text: str, named: bool) -> None:
    assert names_subject(text, UNSC.question("Q1")) is named


def test_a_question_without_a_subject_is_not_checked() -> None:
    question = UNSC.question("Q1").model_copy(update={"subject": []})
    assert names_subject("Anything at all.", question) is None


@pytest.mark.parametrize(("file", "question", "flagged"), [
    ("tests/data/claims/answers/unsc-reform-india/Q1_off_topic.txt", "Q1", True),  # India's G20 presidency
    ("tests/data/claims/answers/unsc-reform-india/Q1_average.txt", "Q1", False),
    ("samples/india-us-defence/q2_paraphrased.txt", "Q2", True),  # "a compact on frontier technologies"
])
def test_an_answer_that_never_names_the_subject_is_asked_to(file: str, question: str, flagged: bool) -> None:
    rubric = UNSC if "unsc" in file else INDIA_US
    result = evaluate((ROOT / file).read_text(encoding="utf-8"), rubric.question(question), rubric=rubric)
    advice = [f.message for f in result.feedback if "never mentions" in f.message]
    assert ("subject_not_named" in result.flags) is flagged
    assert bool(advice) is flagged
    if flagged:
        assert rubric.question(question).subject[0] in advice[0]


def test_naming_is_advice_and_costs_no_marks() -> None:
    text = (ROOT / "samples/india-us-defence/q2_paraphrased.txt").read_text(encoding="utf-8")
    question = INDIA_US.question("Q2")
    with_subject = evaluate(text, question)
    without = evaluate(text, question.model_copy(update={"subject": []}))
    assert "subject_not_named" in with_subject.flags and "subject_not_named" not in without.flags
    assert with_subject.marks == without.marks


def test_a_hindi_answer_is_not_asked_for_english_names() -> None:
    hindi = next((ROOT / "samples/india-us-defence/hindi").glob("*.hi.*"))
    question = INDIA_US.question(hindi.name.split("_")[0].upper())
    result = evaluate(hindi.read_text(encoding="utf-8"), question)
    assert "subject_not_named" not in result.flags

"""Specification of the wrong-question check: an answer scored against a question it was not written for."""

from __future__ import annotations

import pytest

from evaluator import evaluate
from evaluator.core.question_match import better_question
from tests.conftest import SAMPLES

QUESTIONS = ["Q1", "Q2", "Q3", "Q4"]


@pytest.mark.parametrize(("sample", "chosen", "suggested"), [
    ("q1_excellent", "Q3", "Q1"),
    ("q3_excellent", "Q1", "Q3"),
    ("q2_excellent", "Q4", "Q2"),
    ("q4_paraphrased", "Q1", "Q4"),
])
def test_an_answer_to_another_question_is_noticed(rubric, sample, chosen, suggested):
    text = (SAMPLES / f"{sample}.txt").read_text(encoding="utf-8")
    question = rubric.question(chosen)
    found = better_question(text, rubric, question, evaluate(text, question))
    assert found is not None and found.question.id == suggested
    assert found.evaluation.marks > evaluate(text, question).marks


@pytest.mark.parametrize("qid", QUESTIONS)
@pytest.mark.parametrize("kind", ["excellent", "average", "paraphrased", "misspelt", "poor", "offtopic", "keywords"])
def test_an_answer_to_the_chosen_question_raises_nothing(rubric, qid, kind):
    text = (SAMPLES / f"{qid.lower()}_{kind}.txt").read_text(encoding="utf-8")
    question = rubric.question(qid)
    assert better_question(text, rubric, question, evaluate(text, question)) is None


HINDI = "\u0915\u093e\u0930 \u092d\u093e\u0930\u0924 \u0915\u0940 \u0930\u0915\u094d\u0937\u093e"


@pytest.mark.parametrize("text", ["", "   ", HINDI])
def test_answers_that_were_not_scored_are_not_checked(rubric, text):
    question = rubric.question("Q1")
    assert better_question(text, rubric, question, evaluate(text, question)) is None

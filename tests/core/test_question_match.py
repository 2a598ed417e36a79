"""Specification of the wrong-question check: an answer scored against a question it was not written for."""

from __future__ import annotations

import re

import pytest

from evaluator import DEFAULT_SETTINGS, Rubric, evaluate, load_rubric
from evaluator.core.context import prepare_answer
from evaluator.core.question_match import better_question
from evaluator.core.scoring import CREDIT_SIGNALS, coverage, coverage_bounds, score_point
from evaluator.core.shortlist import candidate_questions
from evaluator.core.text import analyse
from tests.conftest import ROOT, RUBRIC_PATH, SAMPLES

QUESTIONS = ["Q1", "Q2", "Q3", "Q4"]
SHORTLIST = DEFAULT_SETTINGS.other_questions_scored


@pytest.mark.parametrize(("sample", "chosen", "suggested"), [
    ("q1_excellent", "Q3", "Q1"),
    ("q3_excellent", "Q1", "Q3"),
    ("q2_excellent", "Q3", "Q2"),
    ("q4_paraphrased", "Q1", "Q4"),
])
def test_an_answer_to_another_question_is_noticed(rubric, sample, chosen, suggested):
    text = (SAMPLES / f"{sample}.txt").read_text(encoding="utf-8")
    question = rubric.question(chosen)
    found = better_question(text, rubric, evaluate(text, question, rubric=rubric))
    assert found is not None and found.question.id == suggested
    assert found.evaluation.marks > evaluate(text, question).marks


def test_an_answer_that_also_answers_the_chosen_question_well_is_not_sent_elsewhere(rubric):
    # Q2 (iCET) and Q4 (INDUS-X, DTTI: co-development) share much matter: an iCET answer covers most of Q4's points,
    # so it is marked as an answer to Q4, not as one written for another question
    text = (SAMPLES / "q2_excellent.txt").read_text(encoding="utf-8")
    evaluation = evaluate(text, rubric.question("Q4"), rubric=rubric)
    assert evaluation.content_score > 0.65 and better_question(text, rubric, evaluation) is None
    assert "other_question" not in evaluation.flags


@pytest.mark.parametrize("qid", QUESTIONS)
@pytest.mark.parametrize("kind", ["excellent", "average", "paraphrased", "misspelt", "poor", "offtopic", "keywords"])
def test_an_answer_to_the_chosen_question_raises_nothing(rubric, qid, kind):
    text = (SAMPLES / f"{qid.lower()}_{kind}.txt").read_text(encoding="utf-8")
    question = rubric.question(qid)
    assert better_question(text, rubric, evaluate(text, question, rubric=rubric)) is None


TAMIL = "இந்தியா மற்றும் அமெரிக்கா இடையே பாதுகாப்பு ஒத்துழைப்பு"


@pytest.mark.parametrize("text", ["", "   ", TAMIL])
def test_answers_that_were_not_scored_are_not_checked(rubric, text):
    question = rubric.question("Q1")
    assert better_question(text, rubric, evaluate(text, question, rubric=rubric)) is None


# --- issue 16: a 500-question bank scores only a few other questions in full ---

# other topics: every article of the bank but the bundled rubric's own (whose paragraphs are its questions' matter)
ARTICLES = sorted(p for p in (ROOT / "rubrics" / "articles").glob("*.txt")
                  if p.name != load_rubric(RUBRIC_PATH).article_file.split("/")[-1])


def bank_rubric(size: int = 500) -> Rubric:
    """The bundled rubric's 4 questions among ``size - 4`` others drawn from the bank's articles (other topics)."""
    bundled = load_rubric(RUBRIC_PATH)
    paragraphs = [p for a in ARTICLES for p in a.read_text(encoding="utf-8").split("\n\n")
                  if len(re.findall(r"[.!?](\s|$)", p)) >= 2]
    questions = [q.model_dump() for q in bundled.questions]
    for n in range(size - len(questions)):
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", paragraphs[n % len(paragraphs)]) if len(s) > 10]
        questions.append({"id": f"A{n}", "text": f"Discuss: {sentences[0][:300]}", "directive": "discuss",
                          "marks": 10, "word_limit": 150,
                          "key_points": [{"id": f"p{i}", "point": s[:900]} for i, s in enumerate(sentences[:6])]})
    return Rubric.model_validate({"id": "bank", "title": "Bank", "questions": questions})


@pytest.fixture(scope="module")
def bank() -> Rubric:
    return bank_rubric()


@pytest.mark.parametrize(("sample", "chosen"), [(f"{q.lower()}_{kind}", other) for q in QUESTIONS
                                                for kind in ("excellent", "average", "paraphrased", "misspelt",
                                                             "keywords")
                                                for other in QUESTIONS if other != q][::2])
def test_the_cheap_shortlist_of_500_questions_keeps_the_answers_own_question(bank: Rubric, sample: str,
                                                                             chosen: str) -> None:
    text = (SAMPLES / f"{sample}.txt").read_text(encoding="utf-8")
    shortlist = candidate_questions(text, bank, bank.question(chosen), limit=SHORTLIST)
    assert len(shortlist) == SHORTLIST < len(bank.questions) - 1  # was: all 499 others scored in full
    assert sample[:2].upper() in [q.id for q in shortlist]


def test_regression_an_answer_to_another_question_is_still_noticed_in_a_500_question_bank(bank: Rubric) -> None:
    text = (SAMPLES / "q1_excellent.txt").read_text(encoding="utf-8")
    question = bank.question("Q3")
    found = better_question(text, bank, evaluate(text, question, rubric=bank))
    assert found is not None and found.question.id == "Q1"


@pytest.mark.parametrize("sample", sorted(p.stem for p in SAMPLES.glob("q*.txt")))
def test_no_question_covers_more_than_its_bound(rubric, sample):
    # the wrong-question check scores another question in full only if its bound says it could be clearly better:
    # a bound below the coverage it earns would let an answer written for it pass unnoticed
    analysed = analyse((SAMPLES / f"{sample}.txt").read_text(encoding="utf-8"))
    chosen = rubric.question(sample[:2].upper())
    answer = prepare_answer(analysed, chosen, settings=chosen.settings)
    others = [q for q in rubric.questions if q.id != chosen.id]
    bounds = coverage_bounds(answer, others, chosen.settings)
    assert bounds is not None
    for other, bound in zip(others, bounds, strict=True):
        prepared = prepare_answer(analysed, other, settings=chosen.settings)
        earned = coverage(tuple(score_point(prepared, p, settings=chosen.settings, signals=CREDIT_SIGNALS)
                                for p in prepared.points), other)
        assert earned <= bound

"""Which question of a rubric an answer was written for: catching an answer scored against the wrong one.

A student who picks Q3 but pastes an answer to Q1 gets low marks and feedback about
points the answer never meant to make. Scoring the answer against the rubric's other
questions (its sentences are encoded once, so this costs a few milliseconds each) shows
when another question suits it clearly better.
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.core.results import Evaluation
from evaluator.core.scoring import evaluate
from evaluator.rubrics.model import Question, Rubric


@dataclass(frozen=True)
class BetterQuestion:
    """Another question the answer suits better, with what it would earn there."""

    question: Question
    evaluation: Evaluation


def better_question(text: str, rubric: Rubric, chosen: Question, evaluation: Evaluation) -> BetterQuestion | None:
    """The rubric question ``text`` suits best, when it beats ``chosen`` by the chosen question's
    ``other_question_margin`` (as a share of full marks) and earns at least ``other_question_floor`` of its
    content there; ``None`` when ``chosen`` fits or the answer was not scored.

    Args:
        text: the answer.
        rubric: the rubric ``chosen`` belongs to.
        chosen: the question the student picked.
        evaluation: ``evaluate(text, chosen)``, already computed.
    """
    if not evaluation.ok:
        return None
    best: BetterQuestion | None = None
    for question in rubric.questions:
        if question.id == chosen.id:
            continue
        other = evaluate(text, question)
        settings = chosen.settings
        if (other.ok and other.share >= evaluation.share + settings.other_question_margin
                and other.content_score >= settings.other_question_floor):
            if best is None or other.share > best.evaluation.share:
                best = BetterQuestion(question, other)
    return best

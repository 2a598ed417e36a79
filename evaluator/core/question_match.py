"""Which question of a rubric an answer was written for: catching an answer scored against the wrong one.

A student who picks Q3 but pastes an answer to Q1 gets low marks and feedback about points the answer
never meant to make. :func:`evaluate` with ``rubric=`` finds another question the answer covers clearly
better (``Evaluation.better_question``, scored on a cheap shortlist: :mod:`evaluator.core.shortlist`) and
marks the answer down; this module scores the answer there, so a page can offer "score it against Q1".
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


def better_question(text: str, rubric: Rubric, evaluation: Evaluation) -> BetterQuestion | None:
    """The question ``evaluation`` found the answer written for, scored; ``None`` when the chosen one fits.

    Args:
        text: the answer.
        rubric: the rubric of the chosen question.
        evaluation: ``evaluate(text, chosen, rubric=rubric)``, already computed (without ``rubric=`` no other
            question is looked at, and this is ``None``).
    """
    if not evaluation.ok or not evaluation.better_question:
        return None
    question = rubric.question(evaluation.better_question)
    return BetterQuestion(question, evaluate(text, question))

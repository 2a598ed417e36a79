"""Explainable UPSC Mains answer evaluation: rubric in, marks with evidence and feedback out.

>>> from evaluator import load_rubric, evaluate
>>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q2")
>>> evaluate("", q).outcome
'empty'
"""

from evaluator.core.results import Check, Evaluation, Evidence, FeedbackItem, PointResult, StructureReport
from evaluator.core.scoring import evaluate
from evaluator.core.settings import DEFAULT_SETTINGS, ScoringSettings
from evaluator.rubrics.model import KeyPoint, Question, Rubric, RubricError, load_rubric, parse_rubric

__all__ = [
    "DEFAULT_SETTINGS",
    "Check",
    "Evaluation",
    "Evidence",
    "FeedbackItem",
    "KeyPoint",
    "PointResult",
    "Question",
    "Rubric",
    "RubricError",
    "ScoringSettings",
    "StructureReport",
    "evaluate",
    "load_rubric",
    "parse_rubric",
]

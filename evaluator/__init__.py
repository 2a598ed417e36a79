"""Explainable UPSC Mains answer evaluation: rubric in, marks with evidence and feedback out.

>>> from evaluator import load_rubric, evaluate
>>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q2")
>>> evaluate("", q).outcome
'empty'
"""

from evaluator.feedback import FeedbackItem
from evaluator.matching import Evidence
from evaluator.rubric import KeyPoint, Question, Rubric, RubricError, load_rubric, parse_rubric
from evaluator.scoring import Evaluation, PointResult, evaluate
from evaluator.settings import DEFAULT_SETTINGS, ScoringSettings
from evaluator.structure import Check, StructureReport

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

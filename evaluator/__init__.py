"""Explainable UPSC Mains answer evaluation: rubric in, marks with evidence and feedback out.

>>> from evaluator import load_rubric, evaluate
>>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q2")
>>> evaluate("", q).outcome
'empty'

The names are imported on first use, so that ``import evaluator.cli`` (``list``, ``validate``) does not pay
for spaCy and NumPy, which only scoring needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evaluator.core.results import Check, Evaluation, Evidence, FeedbackItem, PointResult, StructureReport
    from evaluator.core.scoring import evaluate
    from evaluator.core.settings import DEFAULT_SETTINGS, ScoringSettings
    from evaluator.rubrics.model import KeyPoint, Question, Rubric, RubricError, load_rubric, parse_rubric

_HOME = {
    "Check": "evaluator.core.results",
    "Evaluation": "evaluator.core.results",
    "Evidence": "evaluator.core.results",
    "FeedbackItem": "evaluator.core.results",
    "PointResult": "evaluator.core.results",
    "StructureReport": "evaluator.core.results",
    "evaluate": "evaluator.core.scoring",
    "DEFAULT_SETTINGS": "evaluator.core.settings",
    "ScoringSettings": "evaluator.core.settings",
    "KeyPoint": "evaluator.rubrics.model",
    "Question": "evaluator.rubrics.model",
    "Rubric": "evaluator.rubrics.model",
    "RubricError": "evaluator.rubrics.model",
    "load_rubric": "evaluator.rubrics.model",
    "parse_rubric": "evaluator.rubrics.model",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> object:
    """Import a front-door name from its module on first use (PEP 562)."""
    if name not in _HOME:
        raise AttributeError(f"module 'evaluator' has no attribute {name!r}")
    value = getattr(import_module(_HOME[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])

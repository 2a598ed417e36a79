"""What the student page keeps between reruns: the last evaluation and what it was of."""

from __future__ import annotations

from dataclasses import dataclass, replace

from evaluator import Evaluation
from evaluator.core.question_match import BetterQuestion


@dataclass(frozen=True)
class ScoredAnswer:
    """An evaluated answer, the marks of the attempt before it, and a question it may suit better."""

    rubric_id: str
    question_id: str
    answer: str
    evaluation: Evaluation
    previous_marks: float | None = None
    better: BetterQuestion | None = None
    previous_points: tuple[tuple[str, str], ...] | None = None  # key point statuses of the attempt before

    def is_for(self, rubric_id: str, question_id: str) -> bool:
        return (self.rubric_id, self.question_id) == (rubric_id, question_id)

    def without_previous(self) -> ScoredAnswer:
        """The same result once the attempt it was compared with is gone."""
        return replace(self, previous_marks=None, previous_points=None)

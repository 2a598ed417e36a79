"""The signal contract: a named function of (prepared answer, compiled point) returning a :class:`SignalResult`."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from evaluator.core.context import CompiledPoint, PreparedAnswer
from evaluator.core.results import Evidence
from evaluator.core.settings import ScoringSettings
from evaluator.core.stages import stage

Family = Literal["lexical", "meaning", "contradiction"]


@dataclass(frozen=True, slots=True)
class SignalResult:
    """A signal's verdict on one key point."""

    score: float  # in [0, 1]
    evidence: tuple[Evidence, ...] = ()
    strong: bool = False  # the evidence is specific enough for the point to count as covered


NOTHING = SignalResult(0.0)


@dataclass(frozen=True)
class Signal:
    """One way of finding a key point in an answer.

    Attributes:
        name: the key in ``PointResult.signals``.
        family: ``lexical`` or ``meaning`` (blended into the point's score) or ``contradiction`` (takes it away).
        needs_vectors: runs only when the answer's sentence vectors exist (semantic matching on).
        score: the function itself.
    """

    name: str
    family: Family
    needs_vectors: bool
    score: Callable[..., SignalResult]

    def __call__(self, answer: PreparedAnswer, point: CompiledPoint, *, settings: ScoringSettings) -> SignalResult:
        with stage(f"signal:{self.name}"):
            return self.score(answer, point, settings=settings)

    def runs_on(self, answer: PreparedAnswer) -> bool:
        """Whether this signal has what it needs for this answer."""
        return not self.needs_vectors or answer.encoded is not None


def ramp(x: float, floor: float, full: float) -> float:
    """0 at or below ``floor``, 1 at or above ``full``, linear between (NaN counts as 0).

    >>> ramp(0.5, 0, 1), ramp(0.1, 0.3, 0.7), ramp(float("nan"), 0, 1)
    (0.5, 0.0, 0.0)
    """
    return 0.0 if math.isnan(x) else min(1.0, max(0.0, (x - floor) / (full - floor)))

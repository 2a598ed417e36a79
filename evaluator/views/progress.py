"""What moved since the last attempt at a question: the key points a rewrite gained or lost.

>>> from evaluator.core.results import Evaluation, PointResult
>>> now = Evaluation("Q1", 6.0, 15.0, "scored", "", points=(
...     PointResult("roadmap", "A roadmap.", 1.0, 0.8, "covered", {}, (), ""),
...     PointResult("dtti", "DTTI.", 1.0, 0.1, "missing", {}, (), "")))
>>> [(c.point_id, c.before, c.after) for c in point_changes({"roadmap": "missing", "dtti": "partial"}, now)]
[('roadmap', 'missing', 'covered'), ('dtti', 'partial', 'missing')]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluator.core.results import Evaluation

RANK = {"covered": 2, "partial": 1, "missing": 0}  # any other status (say 'contradicted') ranks below missing


@dataclass(frozen=True)
class PointChange:
    point_id: str
    point: str
    before: str
    after: str

    @property
    def gained(self) -> bool:
        return RANK.get(self.after, -1) > RANK.get(self.before, -1)


def statuses_of(evaluation: Mapping[str, Any]) -> dict[str, str]:
    """Key point statuses of a saved evaluation (``Evaluation.to_dict()``, as the attempts store keeps it)."""
    return {str(p["id"]): str(p["status"]) for p in evaluation.get("points", ())}


def point_changes(before: Mapping[str, str], now: Evaluation) -> list[PointChange]:
    """Key points whose status differs from the last attempt's, in rubric order (points new to the rubric are left
    out: there is nothing to compare them with)."""
    return [PointChange(p.id, p.point, before[p.id], p.status) for p in now.points
            if p.id in before and before[p.id] != p.status]

"""One answer's line in a batch's results: the row every batch shell, store and export shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

ERROR_OUTCOME = "error"  # an answer that could not be read or matched to a question
SCORED_OUTCOME = "scored"  # the only outcome whose row carries marks
OTHER_QUESTION, OTHER_RUBRIC = "other_question", "other_rubric"  # flags of an answer that fits elsewhere better
ROW_FORMAT = "5"  # bump when ResultRow changes, so stored rows of the old shape are not reused (5: point scores, flags, OCR fields)


@dataclass(frozen=True)
class MentorReview:
    """What a mentor decided about an answer: the sum of their overrides that are not undone.

    ``marks`` is ``None`` when the mentor changed only point statuses; ``points`` lists only the
    points whose status the mentor changed, as (key point id, status).
    """

    marks: float | None
    points: tuple[tuple[str, str], ...]
    reviewer: str
    reason: str
    comment: str
    at: str  # ISO time of the latest override
    overrides: int  # how many overrides (not undone) make it up

    @property
    def point_status(self) -> dict[str, str]:
        return dict(self.points)


@dataclass(frozen=True)
class ResultRow:
    """One answer's line in the results table.

    ``marks`` is ``None`` unless ``outcome == "scored"``: an answer refused as empty, too
    long, unreadable or not English (or an ``"error"`` row) has no marks, not zero, and
    ``error`` says why. ``max_marks`` is the question's, when the question is known.
    A photo or scan read by OCR also carries the text read, OCR's mean confidence and
    ``needs_review`` (low confidence: a mentor should check the text against the page first).
    """

    key: str
    student: str
    question_id: str
    marks: float | None
    max_marks: float | None
    outcome: str
    word_count: int = 0
    points: tuple[tuple[str, str], ...] = ()  # (key point id, status) in rubric order
    feedback: str = ""
    error: str = ""
    rubric: str = ""  # "<rubric id>@v<version>" that produced the row
    scores: tuple[float, ...] = ()  # each key point's score, in the order of ``points``
    flags: tuple[tuple[str, str], ...] = ()  # (kind, detail) why a mentor may want to look, e.g. ("contradiction", id)
    ocr_text: str = ""  # photos and scans: the text OCR read (and that was scored)
    ocr_confidence: float | None = None  # photos and scans: mean word confidence in [0, 1] (None: typed text)
    needs_review: bool = False  # photos and scans read with low confidence
    calibrated_on: int = 0  # mentor marks the calibration behind ``marks`` was fitted on (0: not calibrated)
    mentor: MentorReview | None = None  # the mentor's review, merged in from the overrides store (never stored)

    def __post_init__(self) -> None:
        if self.marks is not None and self.outcome != SCORED_OUTCOME:
            raise ValueError(f"{self.key}: a row with outcome {self.outcome!r} has no marks (got {self.marks})")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def fits_better(self) -> str:
        """The question the answer fits better than its own ("" when none): another rubric's (``rubric-id Q1``)
        first, else another of the rubric's (``Q2``)."""
        found = dict(self.flags)
        return found.get(OTHER_RUBRIC) or found.get(OTHER_QUESTION, "")

    @property
    def final_marks(self) -> float | None:
        """The mentor's marks when they gave some, else the evaluator's."""
        return self.mentor.marks if self.mentor is not None and self.mentor.marks is not None else self.marks

    def final_status(self, point_id: str) -> str:
        """A key point's status as the mentor set it, else as the evaluator found it ("" when not scored)."""
        if self.mentor is not None and point_id in self.mentor.point_status:
            return self.mentor.point_status[point_id]
        return dict(self.points).get(point_id, "")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResultRow:
        mentor = data.get("mentor")
        return cls(**{**data, "points": tuple((str(p), str(s)) for p, s in data.get("points", ())),
                      "scores": tuple(float(x) for x in data.get("scores", ())),
                      "flags": tuple((str(k), str(d)) for k, d in data.get("flags", ())),
                      "mentor": None if mentor is None else MentorReview(**{
                          **mentor, "points": tuple((str(p), str(s)) for p, s in mentor.get("points", ()))})})


def with_reviews(rows: Sequence[ResultRow], reviews: Mapping[str, MentorReview]) -> list[ResultRow]:
    """The rows with each answer's mentor review (by answer key) merged in; rows without one are unchanged."""
    return [replace(r, mentor=reviews[r.key]) if r.key in reviews else r for r in rows]

"""One answer's line in a batch's results: the row every batch shell, store and export shares."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR_OUTCOME = "error"  # an answer that could not be read or matched to a question
SCORED_OUTCOME = "scored"  # the only outcome whose row carries marks
ROW_FORMAT = "4"  # bump when ResultRow changes, so stored rows of the old shape are not reused (4: OCR fields)


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
    ocr_text: str = ""  # photos and scans: the text OCR read (and that was scored)
    ocr_confidence: float | None = None  # photos and scans: mean word confidence in [0, 1]
    needs_review: bool = False  # photos and scans read with low confidence

    def __post_init__(self) -> None:
        if self.marks is not None and self.outcome != SCORED_OUTCOME:
            raise ValueError(f"{self.key}: a row with outcome {self.outcome!r} has no marks (got {self.marks})")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResultRow:
        return cls(**{**data, "points": tuple((str(p), str(s)) for p, s in data.get("points", ()))})

"""What an evaluation returns: marks, per-point results with evidence, structure checks and feedback.

The bottom layer of the core: plain frozen data classes and the literals they use, imported by
every other module (scoring, feedback, the views, the shells) and importing none of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["covered", "partial", "missing", "contradicted"]
STATUSES: tuple[Status, ...] = ("covered", "partial", "missing", "contradicted")
EvidenceKind = Literal["keyword", "fuzzy", "semantic", "contradiction"]
Outcome = Literal["scored", "empty", "too_long", "unreadable", "non_english"]
FeedbackKind = Literal["summary", "covered", "partial", "missing", "contradicted", "improve", "structure", "warning"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the answer a key point was found."""

    kind: EvidenceKind
    sentence: int
    start: int
    end: int
    text: str  # exactly ``answer[start:end]``
    matched: str  # the alias or key point statement it matched
    score: float
    context: str = ""  # the whole sentence the evidence sits in, for quoting
    negated: bool = False  # the words are denied ("India has not signed any roadmap")


@dataclass(frozen=True)
class PointResult:
    """How well one key point is covered, the score of each signal, and the evidence for it."""

    id: str
    point: str
    weight: float
    score: float
    status: Status
    signals: dict[str, float]  # signal name -> score in [0, 1], for every signal that ran
    evidence: tuple[Evidence, ...]
    hint: str

    @property
    def best_evidence(self) -> Evidence | None:
        """The strongest evidence to quote: from a sentence that says something, never a sub-heading."""
        said = [e for e in self.evidence if e.kind != "contradiction" and not looks_like_heading(e.context or e.text)]
        return max(said or self.evidence, key=lambda e: (e.kind != "contradiction", e.score), default=None)


HEADING_WORDS = 6  # a line of at most this many words without a full stop, or ending in a colon, is a sub-heading


def looks_like_heading(line: str) -> bool:
    """A sub-heading rather than a sentence: 'Way forward:', 'Strategic significance', '2. Challenges'.

    >>> looks_like_heading("Challenges:"), looks_like_heading("Defence cooperation"), looks_like_heading("It grew.")
    (True, True, False)
    """
    text = line.strip()
    return text.endswith(":") or (len(text.split()) <= HEADING_WORDS and not text.endswith((".", "!", "?")))


@dataclass(frozen=True)
class Check:
    """One structure check: its score in [0, 1] and a message with numbers a student can act on."""

    name: str
    passed: bool
    score: float
    message: str


@dataclass(frozen=True)
class StructureReport:
    """Outcome of the structure checks and the answer-level red flags."""

    word_count: int
    word_limit: int
    checks: tuple[Check, ...]
    score: float  # weighted structure score in [0, 1], before the coherence factor
    coherence: float  # 1 for prose, near 0 for a bare list of keywords
    is_keyword_list: bool
    copies_question: bool
    english_share: float
    flags: tuple[str, ...] = field(default=())
    repeated_words: int = 0  # words in sentences that repeat an earlier one (padding)
    misspelt_share: float = 0.0  # share of the plain lowercase words no English word list knows
    misspelt: tuple[str, ...] = ()  # those words, in order

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)


@dataclass(frozen=True)
class FeedbackItem:
    """One line of feedback; ``point_id`` names the key point it is about, if any."""

    kind: FeedbackKind
    message: str
    point_id: str | None = None


ClaimVerdict = Literal["wrong", "check", "verified"]


@dataclass(frozen=True)
class ClaimCheck:
    """What the answer says of a declared fact (wrong or verified), or a reading of the consistency judge that no
    fact confirms ("check": for a mentor's review queue, never a student's verdict, and costs nothing). Only
    "wrong" costs marks."""

    verdict: ClaimVerdict
    point_id: str
    sentence: int
    start: int  # the clause, as character offsets into the answer
    end: int
    clause: str  # the student's clause as written
    wrote: str = ""  # the value as written ("Russia"); empty for the judge's readings
    expected: str = ""  # what the source gives ("India, the US, Japan and Australia"), or the key point
    attribute: str = ""  # the fact's attribute ("participants"); empty for the judge's readings
    subject: str = ""  # the fact's subject as the answer names it
    source: str = ""  # what the source says, where the rubric quotes it
    by: Literal["fact", "judge"] = "fact"


@dataclass(frozen=True)
class Calibration:
    """Marks mapped to a mentor's scale by a calibration fitted on ``answers`` of their marks."""

    answers: int  # mentor marks the calibration was fitted on
    rubric_version: int  # the rubric version it was fitted for
    uncalibrated_marks: float  # the marks before calibration


@dataclass(frozen=True)
class Evaluation:
    """Marks with per-point evidence, structure checks and feedback for one answer."""

    question_id: str
    marks: float
    max_marks: float
    outcome: Outcome
    message: str
    points: tuple[PointResult, ...] = ()
    structure: StructureReport | None = None
    feedback: tuple[FeedbackItem, ...] = ()
    content_score: float = 0.0
    structure_score: float = 0.0
    word_count: int = 0
    relevance: float = 1.0  # 0 for an off-topic answer, 1 when most sentences address the key points
    share: float = 0.0  # marks / max_marks before rounding to half marks
    copied_share: float = 0.0  # share of the answer's words copied from the source article
    wrong_claims: float = 0.0  # weighted share of the points the answer addresses that it contradicts
    better_question: str = ""  # another question of the rubric the answer covers clearly better
    claims: tuple[ClaimCheck, ...] = ()  # declared facts the answer gets wrong or right, and claims to check
    flags: tuple[str, ...] = ()  # every red flag: keyword_list, copied_question, repetition, copied_source...
    calibration: Calibration | None = None  # set when the marks were calibrated on a mentor's marks

    @property
    def ok(self) -> bool:
        """True when the answer was scored (not refused as empty, too long, unreadable or non-English)."""
        return self.outcome == "scored"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary of the whole evaluation."""
        return asdict(self)

"""Which answers a mentor should look at first: the review queue.

An answer needs a mentor more when its text may have been misread (low OCR confidence), when it
says the opposite of a key point (a contradiction, or a key term denied), when its marks sit near
a grade boundary (half a mark changes the grade), when the evaluator's signals disagree about a
point (keywords found but the meaning far off, or the reverse), or when it was refused (empty, not
English...) and so has no marks at all. Answers a mentor has already reviewed go last.

>>> row = ResultRow("a.txt", "a", "Q1", 7.5, 15.0, "scored", flags=(("contradiction", "p1"),))
>>> entry = review_queue([row])[0]
>>> entry.reasons
('contradicts p1', 'near the 50% boundary (7.5 / 15)')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from evaluator.batch.rows import ERROR_OUTCOME, OTHER_QUESTION, OTHER_RUBRIC, SCORED_OUTCOME, ResultRow
from evaluator.core.results import STATUSES, Evaluation
from evaluator.core.signals import FAMILY_OF
from evaluator.rubrics.matching import BatchMatch

GRADE_BOUNDARIES = (0.25, 0.5, 0.75)  # shares of max marks where a mentor's grade band changes (the summary's bands)
NEAR_BOUNDARY_MARKS = 0.5  # marks within this of a boundary are "near" it: one rounding step
SIGNAL_GAP = 0.5  # keyword and meaning scores of a point further apart than this disagree
LOW_OCR_CONFIDENCE = 0.85
# how much each reason adds to an answer's priority
WEIGHTS = {"other_rubric": 3.0, "other_question": 2.0,
           "ocr": 4.0, "contradiction": 3.0, "check": 1.5, "denied": 1.5, "status": 1.5, "refused": 2.0,
           "boundary": 1.0,
           "signals": 0.5}


def review_flags(evaluation: Evaluation) -> tuple[tuple[str, str], ...]:
    """What in an evaluation may need a mentor, as (kind, key point id) pairs.

    - ``contradiction``: a point whose status is 'contradicted';
    - ``status``: a point with a status this module does not know (shown as data, never dropped);
    - ``denied``: a point credited although its keywords are all denied ("India has not signed...");
    - ``signals``: a point whose keyword and meaning scores are more than :data:`SIGNAL_GAP` apart;
    - ``check``: a sentence the consistency judge reads as contradicting a point, which no declared fact confirms
      (not precise enough to show a student: a mentor decides);
    - ``other_question``: the answer covers another question of the rubric clearly better (its id).
    """
    flags: list[tuple[str, str]] = [("check", c.point_id) for c in evaluation.claims if c.verdict == "check"]
    if evaluation.better_question:
        flags.append((OTHER_QUESTION, evaluation.better_question))
    for p in evaluation.points:
        if p.status == "contradicted":
            flags.append(("contradiction", p.id))
        elif p.status not in STATUSES:
            flags.append(("status", f"{p.id}: {p.status}"))
        lexical = [e for e in p.evidence if e.kind in ("keyword", "fuzzy")]
        if p.status != "missing" and lexical and all(e.negated for e in lexical):
            flags.append(("denied", p.id))
        families: dict[str, float] = {}
        for name, score in p.signals.items():
            family = FAMILY_OF.get(name, name)
            families[family] = max(families.get(family, 0.0), score)
        if "lexical" in families and "meaning" in families and \
                abs(families["lexical"] - families["meaning"]) > SIGNAL_GAP:
            flags.append(("signals", p.id))
    return tuple(flags)


def with_match_flags(rows: Sequence[ResultRow], match: BatchMatch) -> list[ResultRow]:
    """The rows with an ``other_rubric`` flag (``rubric-id Q1``) on each answer that clearly fits another rubric's
    question better (:func:`evaluator.rubrics.matching.match_batch`); other rows unchanged."""
    out = []
    for row in rows:
        better = match.fits_better(row.key)
        out.append(replace(row, flags=(*row.flags, (OTHER_RUBRIC, better.label))) if better else row)
    return out


@dataclass(frozen=True)
class ReviewEntry:
    """An answer in the review queue: how much it needs a mentor, and why."""

    row: ResultRow
    priority: float
    reasons: tuple[str, ...]


def _reasons(row: ResultRow, boundaries: Sequence[float]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if row.ocr_confidence is not None and row.ocr_confidence < LOW_OCR_CONFIDENCE:
        found.append(("ocr", f"text read with {row.ocr_confidence:.0%} OCR confidence"))
    for kind, detail in row.flags:
        found.append((kind, {"contradiction": f"contradicts {detail}", "denied": f"denies {detail}",
                             "status": f"status {detail}", "signals": f"signals disagree on {detail}",
                             "check": f"may contradict {detail} (the judge's reading, unconfirmed)",
                             OTHER_QUESTION: f"fits {detail} better", OTHER_RUBRIC: f"fits {detail} better"}
                      .get(kind, f"{kind}: {detail}")))
    if row.outcome != SCORED_OUTCOME:
        found.append(("refused", f"not scored ({row.outcome})"))
    elif row.marks is not None and row.max_marks:
        near = [b for b in boundaries if abs(row.marks - b * row.max_marks) <= NEAR_BOUNDARY_MARKS]
        if near:
            found.append(("boundary", f"near the {near[0]:.0%} boundary ({row.marks:g} / {row.max_marks:g})"))
    return found


def review_queue(rows: Sequence[ResultRow], *, boundaries: Sequence[float] = GRADE_BOUNDARIES) -> list[ReviewEntry]:
    """Answers ordered by how much a mentor is needed, most first; reviewed answers last, and rows without an
    answer to read (unreadable files) left out. Ties keep the batch's order."""
    entries = []
    for row in rows:
        if row.outcome == ERROR_OUTCOME:
            continue
        found = _reasons(row, boundaries)
        priority = sum(WEIGHTS.get(kind, 1.0) for kind, _ in found)
        if row.ocr_confidence is not None:  # the worse the reading, the sooner
            priority += WEIGHTS["ocr"] * max(0.0, LOW_OCR_CONFIDENCE - row.ocr_confidence)
        if row.mentor is not None:
            priority = -1.0
        entries.append(ReviewEntry(row, priority, tuple(text for _, text in found)))
    return sorted(entries, key=lambda e: -e.priority)

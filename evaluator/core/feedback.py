"""Turn an evaluation into sentences a student can act on."""

from __future__ import annotations

from evaluator.core.results import Evaluation, FeedbackItem
from evaluator.core.settings import ScoringSettings
from evaluator.rubrics.model import Question

QUOTE_CHARS = 110


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def build_feedback(evaluation: Evaluation, question: Question, *, settings: ScoringSettings) -> tuple[FeedbackItem, ...]:
    """Summary, red flags, covered points (quoting the answer), gaps (with hints), then structure tips."""
    items: list[FeedbackItem] = []
    structure = evaluation.structure
    covered = [p for p in evaluation.points if p.status == "covered"]
    partial = [p for p in evaluation.points if p.status == "partial"]
    missing = [p for p in evaluation.points if p.status == "missing"]
    items.append(FeedbackItem(
        "summary",
        f"{evaluation.marks:g}/{evaluation.max_marks:g}: {len(covered)} of {len(evaluation.points)} key points covered, "
        f"{len(partial)} partly, {len(missing)} missing.",
    ))
    if evaluation.relevance < settings.off_topic_warning:
        items.append(FeedbackItem("warning",
                                  f"Most of this answer is off the question: only a few sentences touch its key points. "
                                  f"Re-read the question ({question.directive}) and answer what it asks."))
    if structure is not None:
        if structure.copies_question:
            items.append(FeedbackItem("warning", "This mostly restates the question. Answer it: give facts, arguments and a conclusion."))
        elif structure.is_keyword_list:
            items.append(FeedbackItem("warning",
                                      "This reads as a list of keywords. Examiners mark explained points: write full sentences "
                                      "that say what each term is and why it matters."))
    for p in covered:
        ev = p.best_evidence
        quote = f' You wrote: "{_quote(ev.context or ev.text)}"' if ev else ""
        items.append(FeedbackItem("covered", f"Covered — {p.point.rstrip('.')}.{quote}", p.id))
    for p in partial:
        items.append(FeedbackItem("partial", f"Develop further — {p.point.rstrip('.')}. {p.hint}".strip(), p.id))
    for p in sorted(missing, key=lambda p: -p.weight):
        items.append(FeedbackItem("missing", f"Missing — {p.point.rstrip('.')}. {p.hint}".strip(), p.id))
    if structure is not None:
        items.extend(FeedbackItem("structure", c.message) for c in structure.checks if not c.passed)
    return tuple(items)


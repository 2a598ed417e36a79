"""What a batch came to: counts, means of the scored answers, marks bands, and the reasons answers got no marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from evaluator.batch.rows import ERROR_OUTCOME, SCORED_OUTCOME, ResultRow

MARK_BANDS = ((0.0, "0-25%"), (0.25, "25-50%"), (0.5, "50-75%"), (0.75, "75-100%"))  # share of max marks


@dataclass(frozen=True)
class QuestionMeans:
    """Mean marks of one question's scored answers."""

    scored: int
    mean_marks: float
    max_marks: float


@dataclass(frozen=True)
class BatchSummary:
    """Counts, means of the scored answers only, and the spread of marks over bands of max marks.

    Attributes:
        mean_share: mean of marks / max marks over every scored answer (comparable across questions).
        mean_marks: mean marks, only when every scored answer has the same ``max_marks`` (else ``None``:
            a mean of 10-mark and 15-mark answers means nothing).
        max_marks: that common maximum, or ``None``.
        questions: mean marks per question id, in order of first appearance.
    """

    count: int
    scored: int
    not_scored: int
    errors: int
    mean_share: float | None
    mean_marks: float | None = None
    max_marks: float | None = None
    questions: dict[str, QuestionMeans] = field(default_factory=dict)
    bands: dict[str, int] = field(default_factory=dict)


def summarise(rows: Sequence[ResultRow]) -> BatchSummary:
    """Counts, means and a histogram by share of max marks, over scored answers only.

    Rows not scored (refused or errors) have no marks and are left out of every mean; a
    batch of 10-mark and 15-mark questions gets a mean share of max marks and a mean per
    question, but no single mean of marks.

    >>> rows = [ResultRow("a", "a", "Q1", 9.0, 15.0, "scored"), ResultRow("b", "b", "Q2", 8.0, 10.0, "scored"),
    ...         ResultRow("c", "c", "Q2", None, 10.0, "empty"), ResultRow("d", "d", "", None, None, "error")]
    >>> s = summarise(rows)
    >>> (s.count, s.scored, s.not_scored, s.errors, s.mean_share, s.mean_marks, s.bands["75-100%"])
    (4, 2, 1, 1, 0.7, None, 1)
    >>> s.questions["Q2"]
    QuestionMeans(scored=1, mean_marks=8.0, max_marks=10.0)
    """
    scored = [r for r in rows if r.outcome == SCORED_OUTCOME and r.marks is not None and r.max_marks]
    shares = [r.marks / r.max_marks for r in scored]  # type: ignore[operator]
    # 1. the histogram, by share of max marks so that questions of any marks share the bands
    bands = {label: 0 for _, label in MARK_BANDS}
    for share in shares:
        bands[next(label for low, label in reversed(MARK_BANDS) if share >= low)] += 1
    # 2. mean marks per question, then one mean of marks only if every answer had the same maximum
    by_question: dict[str, list[ResultRow]] = {}
    for r in scored:
        by_question.setdefault(r.question_id, []).append(r)
    questions = {qid: QuestionMeans(len(group), _mean([r.marks for r in group], 2),  # type: ignore[misc]
                                    max(r.max_marks for r in group))  # type: ignore[type-var]
                 for qid, group in by_question.items()}
    maxima = {r.max_marks for r in scored}
    common_max = maxima.pop() if len(maxima) == 1 else None
    errors = sum(1 for r in rows if r.outcome == ERROR_OUTCOME)
    return BatchSummary(
        count=len(rows),
        scored=len(scored),
        not_scored=len(rows) - len(scored) - errors,
        errors=errors,
        mean_share=_mean(shares, 4) if shares else None,
        mean_marks=_mean([r.marks for r in scored], 2) if common_max else None,  # type: ignore[misc]
        max_marks=common_max,
        questions=questions,
        bands=bands,
    )


def _mean(values: Sequence[float], digits: int) -> float:
    return round(sum(values) / len(values), digits)


def format_question_means(question_id: str, means: QuestionMeans) -> str:
    """One question's line, e.g. for the terminal or a tooltip.

    >>> format_question_means("Q2", QuestionMeans(3, 6.5, 10.0))
    'Q2: mean 6.50 of 10 marks (65%) over 3 scored answers'
    """
    plural = "" if means.scored == 1 else "s"
    return (f"{question_id}: mean {means.mean_marks:.2f} of {means.max_marks:g} marks "
            f"({means.mean_marks / means.max_marks:.0%}) over {means.scored} scored answer{plural}")


def format_summary(summary: BatchSummary) -> str:
    """A few lines for the terminal.

    >>> print(format_summary(summarise([ResultRow("a", "a", "Q1", 9.0, 15.0, "scored"),
    ...                                 ResultRow("b", "b", "Q1", None, 15.0, "non_english")])))
    2 answers: 1 scored, 1 not scored (empty, too long, not English...), 0 errors
    mean 9.00 of 15 marks (60%) over 1 scored answer; answers not scored have no marks and are left out
    marks bands (share of max): 0-25%: 0 | 25-50%: 0 | 50-75%: 1 | 75-100%: 0
    >>> print(format_summary(summarise([ResultRow("a", "a", "Q1", 9.0, 15.0, "scored"),
    ...                                 ResultRow("b", "b", "Q2", 8.0, 10.0, "scored")])))
    2 answers: 2 scored, 0 not scored (empty, too long, not English...), 0 errors
    mean 70% of max marks over 2 scored answers; answers not scored have no marks and are left out
      Q1: mean 9.00 of 15 marks (60%) over 1 scored answer
      Q2: mean 8.00 of 10 marks (80%) over 1 scored answer
    marks bands (share of max): 0-25%: 0 | 25-50%: 0 | 50-75%: 1 | 75-100%: 1
    """
    lines = [f"{summary.count} answers: {summary.scored} scored, {summary.not_scored} not scored "
             f"(empty, too long, not English...), {summary.errors} errors"]
    if summary.mean_share is not None:
        over = f"over {summary.scored} scored answer{'' if summary.scored == 1 else 's'}"
        if summary.mean_marks is not None and summary.max_marks:
            mean = f"mean {summary.mean_marks:.2f} of {summary.max_marks:g} marks ({summary.mean_share:.0%})"
        else:
            mean = f"mean {summary.mean_share:.0%} of max marks"
        lines.append(f"{mean} {over}; answers not scored have no marks and are left out")
        if len(summary.questions) > 1:
            lines.extend("  " + format_question_means(qid, m) for qid, m in summary.questions.items())
    lines.append("marks bands (share of max): " + " | ".join(f"{k}: {v}" for k, v in summary.bands.items()))
    return "\n".join(lines)


def not_scored_reasons(rows: Sequence[ResultRow]) -> list[str]:
    """One line per answer that got no marks: its file (or CSV row) and why, as in the ``error`` column.

    >>> not_scored_reasons([ResultRow("a.txt", "a", "Q1", 9.0, 15.0, "scored"),
    ...                     ResultRow("b.txt", "b", "Q1", None, 15.0, "empty", error="b.txt: The answer is empty.")])
    ['b.txt: The answer is empty.']
    """
    return [r.error or f"{r.key}: not scored ({r.outcome})" for r in rows if r.outcome != SCORED_OUTCOME]

"""A model-answer outline built from a question's key points.

The key points, in rubric order, grouped as Introduction / Body / Way forward where the
rubric makes it obvious: the first point when it sets the context or defines the term,
the last points when they give the way forward or the verdict.

>>> from evaluator import load_rubric
>>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q1")
>>> [(s.title, len(s.points)) for s in model_outline(q)]
[('Introduction', 1), ('Body', 7), ('Way forward', 1)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evaluator.rubrics.model import KeyPoint, Question
from evaluator.views.highlight import escape_markdown

INTRO_CUES = re.compile(r"\b(context|background|introduction|intro|definition|define|meaning|means|what is)\b", re.I)
CLOSING_CUES = re.compile(r"\b(way[ -]forward|way[ -]ahead|verdict|conclusion|on balance|going forward)\b", re.I)
FRAME_SHARES = {"Introduction": 0.10, "Way forward": 0.15}  # share of the word limit, as UPSC mentors advise
CORE_WEIGHT = 2.0  # points at or above this weight are marked as core in the outline


@dataclass(frozen=True)
class OutlineSection:
    """A titled group of key points, in rubric order."""

    title: str
    points: tuple[KeyPoint, ...]


def model_outline(question: Question) -> tuple[OutlineSection, ...]:
    """Group the question's key points into Introduction, Body and Way forward.

    Args:
        question: a rubric question.

    Returns:
        Non-empty sections in answer order; every key point appears once, order kept.
    """
    points = list(question.key_points)
    # 1. the opening point is the introduction when its id or statement says so
    intro = points[:1] if len(points) > 1 and _matches(points[0], INTRO_CUES) else []
    rest = points[len(intro) :]
    # 2. trailing points that give a way forward or verdict close the answer
    closing: list[KeyPoint] = []
    while len(rest) > 1 and _matches(rest[-1], CLOSING_CUES):
        closing.insert(0, rest.pop())
    sections = (OutlineSection("Introduction", tuple(intro)), OutlineSection("Body", tuple(rest)),
                OutlineSection("Way forward", tuple(closing)))
    return tuple(s for s in sections if s.points)


def outline_markdown(question: Question) -> str:
    """The outline as Markdown: a heading per section, numbered points, core points in bold.

    >>> from evaluator import load_rubric
    >>> print(outline_markdown(load_rubric("rubrics/india_us_defence.yaml").question("Q2")).splitlines()[0])
    **Introduction** (about 15 words)
    """
    sections = model_outline(question)
    # the introduction and way forward stay short; the body gets the remaining words
    shares = {s.title: FRAME_SHARES.get(s.title, 0.0) for s in sections}
    shares["Body"] = 1.0 - sum(shares.values())
    lines: list[str] = []
    number = 0
    for section in sections:
        words = _round_to(question.word_limit * shares[section.title], 5)
        if lines:
            lines.append("")
        lines.append(f"**{section.title}** (about {words} words)")
        lines.append("")
        for point in section.points:
            number += 1
            text = escape_markdown(point.point)
            lines.append(f"{number}. **{text}** (core)" if point.weight >= CORE_WEIGHT else f"{number}. {text}")
    return "\n".join(lines)


def _matches(point: KeyPoint, cues: re.Pattern[str]) -> bool:
    return bool(cues.search(point.id.replace("-", " ")) or cues.search(point.point))


def _round_to(x: float, step: int) -> int:
    return max(step, int(round(x / step)) * step)

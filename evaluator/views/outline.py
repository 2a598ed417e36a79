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


CONNECTIVES = ("First,", "Second,", "Further,", "Moreover,", "In addition,", "Also,", "Besides,", "Equally,",
               "Beyond this,", "Finally,")  # before each body point in turn (the last body point gets the last one)
CONTRAST_CUES = re.compile(r"\b(challenges?|concerns?|criticism|critics|limitations?|hurdles?|constraints?|risks?|"
                           r"however|but|yet|although)\b", re.I)
DIRECTIVE_SENTENCE = re.compile(r"^(discuss|explain|examine|critically|analyse|analyze|evaluate|comment|elucidate|"
                                r"illustrate|describe|enumerate|bring out|highlight|what|how|why|does|do|is|are|can)\b",
                                re.I)


def model_answer(question: Question) -> str:
    """A written model answer assembled from the rubric: an introduction from the question's own context, a body of the
    key points in order of weight joined by connectives, and a conclusion or way forward, within the word limit
    (the lightest body points are left out first).

    >>> from evaluator import load_rubric
    >>> from evaluator.core.text import count_words
    >>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q1")
    >>> answer = model_answer(q)
    >>> answer.split("\\n\\n")[1].startswith("First, the visit produced a roadmap"), count_words(answer) <= q.word_limit
    (True, True)
    """
    sections = {s.title: list(s.points) for s in model_outline(question)}
    intro_points, closing = sections.get("Introduction", []), sections.get("Way forward", [])
    body = sorted(sections.get("Body", []), key=lambda p: -p.weight)  # stable: rubric order among equal weights
    # 1. the introduction: what the question itself says before it asks (its context), then any opening point; a
    # question that is all asking opens with the rubric's first point (its definition or background)
    context = [s for s in _sentences(question.text) if not DIRECTIVE_SENTENCE.match(s) and not s.endswith("?")]
    if not context and not intro_points and len(body) > 2:
        intro_points = [question.key_points[0]] if question.key_points[0] in body else []
        body = [p for p in body if p not in intro_points]
    intro = " ".join([*context, *(p.point for p in intro_points)])
    # 2. the conclusion: the way-forward points, else the weightiest point as the verdict
    if closing:
        conclusion = " ".join(_with(p.point, "Way forward:", question) if not CLOSING_CUES.search(p.point[:40])
                              else p.point for p in closing)
    else:
        conclusion = _with(body.pop(0).point, "Thus,", question) if len(body) > 2 else ""

    # 3. the body, heaviest first, each point with a connective; the lightest dropped until it fits the limit
    def written(points: list[KeyPoint]) -> str:
        lines = []
        for n, point in enumerate(points):
            cue = "However," if CONTRAST_CUES.search(point.point) else \
                CONNECTIVES[min(n, len(CONNECTIVES) - 2)] if n < len(points) - 1 or n == 0 else CONNECTIVES[-1]
            lines.append(_with(point.point, cue, question))
        return "\n\n".join(p for p in [intro, *lines, conclusion] if p)

    while len(body) > 1 and _words(written(body)) > question.word_limit:
        body.remove(min(reversed(body), key=lambda p: p.weight))  # the lightest, the later one among equals
    return written(body)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


def _words(text: str) -> int:
    return len(re.findall(r"\S*[^\W_]\S*", text))


def _with(statement: str, cue: str, question: Question) -> str:
    """``cue`` before a key point's statement, its first word lowercased unless the rubric writes it capitalised
    inside sentences too (a name: "India's", "iCET")."""
    first, _, rest = statement.strip().partition(" ")
    capitalised_inside = re.search(rf"(?<=[a-z,;:] ){re.escape(first)}\b",
                                   " ".join([question.text, *(p.point for p in question.key_points)]))
    if first[:1].isupper() and first[1:2].islower() and not capitalised_inside and not rest[:1].isdigit():
        first = first.lower()
    return f"{cue} {first} {rest}".strip()

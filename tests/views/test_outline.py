"""Specification of the model-answer outline built from a question's key points."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator import Question, load_rubric, parse_rubric
from evaluator.views.outline import model_outline, outline_markdown

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = load_rubric(ROOT / "rubrics/india_us_defence.yaml")


def question(*points: tuple[str, str]) -> Question:
    """A one-question rubric whose key points have these (id, statement) pairs."""
    lines = ["id: t", "title: T", "questions:", "  - id: Q", "    text: Discuss something.", "    directive: discuss",
             "    marks: 10", "    word_limit: 150", "    key_points:"]
    for pid, statement in points:
        lines += [f"      - id: {pid}", f"        point: {statement!r}"]
    return parse_rubric("\n".join(lines)).question("Q")


@pytest.mark.parametrize("qid", RUBRIC.question_ids)
def test_every_key_point_appears_once_in_rubric_order(qid: str) -> None:
    q = RUBRIC.question(qid)
    in_outline = [p.id for s in model_outline(q) for p in s.points]
    assert in_outline == [p.id for p in q.key_points]


@pytest.mark.parametrize(
    ("qid", "sections"),
    [
        ("Q1", ["Introduction", "Body", "Way forward"]),
        ("Q2", ["Introduction", "Body", "Way forward"]),
        ("Q3", ["Introduction", "Body", "Way forward"]),
        ("Q4", ["Body", "Way forward"]),  # its first point is already a body point
    ],
)
def test_sections_of_the_sample_rubric(qid: str, sections: list[str]) -> None:
    assert [s.title for s in model_outline(RUBRIC.question(qid))] == sections


@pytest.mark.parametrize(
    ("points", "sections"),
    [
        ([("a", "First point."), ("b", "Second point.")], [("Body", ["a", "b"])]),
        ([("context", "Background of the visit."), ("b", "Outcome.")], [("Introduction", ["context"]), ("Body", ["b"])]),
        ([("a", "Outcome."), ("b", "The way forward is to act.")], [("Body", ["a"]), ("Way forward", ["b"])]),
        ([("a", "Outcome."), ("b", "Verdict on it."), ("way-forward", "Act.")], [("Body", ["a"]), ("Way forward", ["b", "way-forward"])]),
        # a single point is never split off, even if it reads like an introduction or a conclusion
        ([("context", "The way forward.")], [("Body", ["context"])]),
        # a closing cue in the middle does not move the point
        ([("a", "Outcome."), ("verdict", "Verdict."), ("c", "More.")], [("Body", ["a", "verdict", "c"])]),
    ],
)
def test_grouping_only_where_obvious(points: list[tuple[str, str]], sections: list[tuple[str, list[str]]]) -> None:
    outline = model_outline(question(*points))
    assert [(s.title, [p.id for p in s.points]) for s in outline] == sections


def test_markdown_numbers_points_across_sections_and_gives_word_budgets() -> None:
    text = outline_markdown(RUBRIC.question("Q1"))
    assert text.startswith("**Introduction** (about 25 words)")
    assert "**Body** (about 190 words)" in text and "**Way forward** (about 40 words)" in text
    numbers = [line.split(".", 1)[0] for line in text.splitlines() if line[:1].isdigit()]
    assert numbers == [str(i) for i in range(1, 10)]


def test_core_points_are_bold() -> None:
    q = RUBRIC.question("Q1")
    text = outline_markdown(q)
    roadmap = next(line for line in text.splitlines() if "roadmap" in line)
    assert roadmap.startswith("2. **") and roadmap.endswith("(core)")


def _all_questions():  # noqa: ANN202
    from evaluator.rubrics.bank import load_rubrics
    from tests.conftest import ROOT

    return [pytest.param(q, id=f"{r.id}/{q.id}") for _, r in load_rubrics(ROOT / "rubrics")[0] for q in r.questions]


@pytest.mark.parametrize("question", _all_questions())
def test_a_written_model_answer_keeps_the_limit_and_orders_the_body_by_weight(question) -> None:  # noqa: ANN001
    from evaluator.core.text import count_words
    from evaluator.views.outline import model_answer, model_outline

    answer = model_answer(question)
    paragraphs = answer.split("\n\n")
    assert count_words(answer) <= question.word_limit
    assert len(paragraphs) >= 4, "an introduction, a body of several points and a conclusion"
    assert not any(p.startswith(("- ", "* ", "1.")) for p in paragraphs), "prose, not a list of key points"
    # the body's points appear heaviest first
    body = [p for s in model_outline(question) if s.title == "Body" for p in s.points]
    found = [p for p in body if any(p.point[10:60] in para for para in paragraphs[1:-1])]
    weights = [p.weight for p in sorted(found, key=lambda p: answer.index(p.point[10:60]))]
    assert weights == sorted(weights, reverse=True)
    closing = [s for s in model_outline(question) if s.title == "Way forward"]
    if closing:
        assert closing[0].points[-1].point[10:60] in paragraphs[-1]

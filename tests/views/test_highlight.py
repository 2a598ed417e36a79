"""Specification of the answer highlighter: escaped text, marked evidence, overlapping spans."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from evaluator import Evaluation, Question, evaluate, load_rubric
from evaluator.views.highlight import (
    STATUS_COLOURS,
    Highlight,
    escape_markdown,
    highlight_html,
    highlights_from,
    render_highlights,
)

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "a & b < c > d \"quoted\" 'single'",
    "</mark></div><b>bold</b>",
    "&lt;already escaped&gt;",
]


def visible_text(rendered: str) -> str:
    """What a reader sees of the answer: labels and tags removed, entities decoded."""
    without_labels = re.sub(r'<sup class="hl-label"[^>]*>.*?</sup>', "", rendered)
    return html.unescape(re.sub(r"<[^>]+>", "", without_labels))


def hl(start: int, end: int, point: str = "p1", status: str = "covered", kind: str = "keyword") -> Highlight:
    return Highlight(start, end, point, status, kind, "alias")  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def q1() -> Question:
    return load_rubric(ROOT / "rubrics/india_us_defence.yaml").question("Q1")


@pytest.fixture(scope="session")
def excellent(q1: Question) -> tuple[str, Evaluation]:
    text = (ROOT / "samples/india-us-defence/q1_excellent.txt").read_text(encoding="utf-8")
    return text, evaluate(text, q1)


# ---- the answer text is kept, escaped, whatever the spans --------------------------------------------------------

SPAN_CASES = {
    "no spans": [],
    "one span": [hl(0, 5)],
    "disjoint": [hl(0, 5), hl(10, 13, "p2")],
    "touching": [hl(0, 5), hl(5, 9, "p2")],
    "nested": [hl(0, 20, "p2", "partial", "semantic"), hl(4, 9)],
    "partial overlap": [hl(0, 9), hl(5, 14, "p2")],
    "identical, two points": [hl(3, 8), hl(3, 8, "p2")],
    "out of range": [hl(-4, 3), hl(12, 999, "p2")],
    "empty span": [hl(4, 4)],
    "whole text": [hl(0, 10_000)],
}


@pytest.mark.parametrize("text", ["India and the US signed a roadmap.\n\n- co-production", *HOSTILE])
@pytest.mark.parametrize("spans", SPAN_CASES.values(), ids=SPAN_CASES.keys())
def test_rendering_keeps_every_character_of_the_answer(text: str, spans: list[Highlight]) -> None:
    assert visible_text(render_highlights(text, spans)) == text


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("spans", SPAN_CASES.values(), ids=SPAN_CASES.keys())
def test_answer_markup_never_reaches_the_page(text: str, spans: list[Highlight]) -> None:
    rendered = render_highlights(text, spans)
    tags = set(re.findall(r"</?([a-z]+)", rendered))
    assert tags <= {"div", "mark", "sup"}
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", '<div class="answer-hl"></div>'),
        ("plain", '<div class="answer-hl">plain</div>'),
        ("<script>alert(1)</script>", '<div class="answer-hl">&lt;script&gt;alert(1)&lt;/script&gt;</div>'),
        ("line one\nline two", '<div class="answer-hl">line one\nline two</div>'),
    ],
)
def test_text_without_spans_is_only_escaped(text: str, expected: str) -> None:
    assert render_highlights(text, []) == expected


# ---- marks and labels ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spans", "marked"),
    [
        ([hl(0, 5)], ["India"]),
        ([hl(0, 5), hl(10, 13, "p2")], ["India", "the"]),
        # overlapping spans are cut at every boundary; each piece is marked once
        ([hl(0, 9), hl(6, 13, "p2")], ["India ", "and", " the"]),
        ([hl(0, 13, "p2"), hl(6, 9)], ["India ", "and", " the"]),
    ],
)
def test_marked_pieces(spans: list[Highlight], marked: list[str]) -> None:
    rendered = render_highlights("India and the US", spans)
    assert re.findall(r"<mark[^>]*>(.*?)</mark>", rendered) == marked


@pytest.mark.parametrize(
    ("spans", "labels"),
    [
        ([hl(0, 5)], ["p1"]),
        ([hl(0, 5), hl(10, 13, "p2")], ["p1", "p2"]),
        # a label follows the end of each span, in text order
        ([hl(0, 13, "p2"), hl(6, 9)], ["p1", "p2"]),
        # two spans of one point ending together are labelled once
        ([hl(0, 9), hl(6, 9)], ["p1"]),
        # two points sharing a phrase are both named
        ([hl(6, 9), hl(6, 9, "p2")], ["p1", "p2"]),
    ],
)
def test_each_span_is_labelled_with_its_key_point(spans: list[Highlight], labels: list[str]) -> None:
    rendered = render_highlights("India and the US", spans)
    assert re.findall(r'<sup class="hl-label" data-point="(.*?)">', rendered) == labels
    assert re.findall(r'<sup class="hl-label"[^>]*>(.*?)</sup>', rendered) == [label.upper() for label in labels]


@pytest.mark.parametrize(
    ("statuses", "colour"),
    [
        (["covered"], STATUS_COLOURS["covered"]),
        (["partial"], STATUS_COLOURS["partial"]),
        (["partial", "covered"], STATUS_COLOURS["covered"]),
        (["missing", "partial"], STATUS_COLOURS["partial"]),
    ],
)
def test_a_shared_piece_takes_the_best_status_colour(statuses: list[str], colour: str) -> None:
    spans = [hl(0, 5, f"p{i}", status) for i, status in enumerate(statuses)]
    assert f"background:{colour}" in render_highlights("India", spans)


def test_hover_title_names_point_and_match_escaped() -> None:
    span = Highlight(0, 5, "p1", "covered", "fuzzy", 'road "map" <x>')
    rendered = render_highlights("Roadmp", [span])
    assert 'title="P1 (covered): close spelling of “road &quot;map&quot; &lt;x&gt;”"' in rendered


def test_point_ids_in_labels_are_escaped() -> None:
    rendered = render_highlights("India", [hl(0, 5, "<b>")])
    assert '<sup class="hl-label" data-point="&lt;b&gt;">&lt;b&gt;</sup>' in rendered


def test_labels_are_the_points_names_for_a_reader_not_their_ids() -> None:
    rendered = render_highlights("India and the US", [hl(0, 5, "way-forward-state-visit"), hl(10, 16, "p2")],
                                 {"p2": "Strategic trust"})
    assert re.findall(r'<sup class="hl-label"[^>]*>(.*?)</sup>', rendered) == ["Way forward state visit",
                                                                              "Strategic trust"]


# ---- spans from a real evaluation -------------------------------------------------------------------------------


def test_every_keyword_hit_is_marked(excellent: tuple[str, Evaluation]) -> None:
    text, evaluation = excellent
    spans = highlights_from(evaluation)
    lexical = {(e.start, e.end, p.id) for p in evaluation.points for e in p.evidence if e.kind in ("keyword", "fuzzy")}
    assert lexical and lexical <= {(h.start, h.end, h.point_id) for h in spans}
    assert all(text[h.start : h.end] for h in spans)


def test_sentences_are_marked_only_for_points_without_keyword_hits(excellent: tuple[str, Evaluation]) -> None:
    _, evaluation = excellent
    by_point = {p.id: p for p in evaluation.points}
    for span in highlights_from(evaluation):
        point = by_point[span.point_id]
        if span.kind == "semantic":
            assert point.status != "missing"
            assert not any(e.kind in ("keyword", "fuzzy") for e in point.evidence)


def test_spans_are_in_answer_order(excellent: tuple[str, Evaluation]) -> None:
    starts = [h.start for h in highlights_from(excellent[1])]
    assert starts == sorted(starts)


def test_highlighted_real_answer_reads_as_the_answer(excellent: tuple[str, Evaluation]) -> None:
    text, evaluation = excellent
    rendered = highlight_html(text, evaluation)
    assert visible_text(rendered) == text
    assert rendered.count("<mark") >= len([p for p in evaluation.points if p.status == "covered"])


@pytest.mark.parametrize("answer", ["", "   ", "இந்தியா மற்றும் அமெரிக்கா இடையே பாதுகாப்பு ஒத்துழைப்பு"])
def test_refused_answers_have_nothing_to_mark(q1: Question, answer: str) -> None:
    evaluation = evaluate(answer, q1)
    assert not evaluation.ok
    assert highlights_from(evaluation) == []
    assert visible_text(highlight_html(answer, evaluation)) == answer


def test_script_inside_a_scored_answer_stays_text(q1: Question, excellent: tuple[str, Evaluation]) -> None:
    text = excellent[0] + "\n<script>alert(1)</script>"
    rendered = highlight_html(text, evaluate(text, q1))
    assert "<script" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


# ---- markdown escaping for feedback that quotes the answer ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["*bold* and _it_", "[link](http://x)", "![img](http://x)", "$5 billion", ":red[alert]", "# heading", "a\\b", "1. item"],
)
def test_escape_markdown_leaves_no_unescaped_syntax(text: str) -> None:
    escaped = escape_markdown(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text
    assert not re.search(r"(?<!\\)[*_\[\]()$#!:]", escaped.replace("\\\\", ""))


@pytest.mark.parametrize("sample", ["q1_average", "q2_paraphrased", "q3_paraphrased", "q4_average"])
def test_a_marked_sentence_ends_on_a_word_not_on_its_full_stop(sample: str) -> None:
    text = (ROOT / "samples" / "india-us-defence" / f"{sample}.txt").read_text(encoding="utf-8")
    question = load_rubric(ROOT / "rubrics" / "india_us_defence.yaml").question(sample[:2].upper())
    spans = highlights_from(evaluate(text, question))
    assert any(h.kind == "semantic" for h in spans)
    assert all(text[h.end - 1].isalnum() or text[h.end - 1] in ")\"'%" for h in spans if h.kind == "semantic")


def test_regression_a_markdown_image_in_a_key_point_title_is_shown_as_text_in_the_key_points_table() -> None:
    """st.table renders Markdown: a title "![x](http://...)" was fetched for every student."""
    import pandas as pd

    from ui.result_view import points_table

    frame = pd.DataFrame([{"#": 1, "Point": "![x](http://example.invalid/x.png)", "Key point": "*bold* claim",
                           "Status": "covered", "Score": 1.0}])
    shown = points_table(frame)
    assert shown.loc[0, "Point"] == "\\!\\[x\\]\\(http\\://example\\.invalid/x\\.png\\)"
    assert shown.loc[0, "Key point"] == "\\*bold\\* claim" and shown.loc[0, "Status"] == "covered"

"""Specification of the structure checks: length, introduction, body, conclusion, directive, red flags."""

from __future__ import annotations

import pytest

from evaluator import DEFAULT_SETTINGS
from evaluator.core.structure import check_structure, coherence, copies_question, english_share
from evaluator.core.text import analyse

WELL_BUILT = """The US Defence Secretary's visit opened a new phase in defence ties.

- A roadmap for industrial cooperation will speed up co-production in India.
- INDUS-X links start-ups and investors of both countries.
- However, export controls and India's ties with Russia remain concerns.

Way forward: India should use the roadmap to build its own defence industry while keeping its strategic autonomy."""


def words(n: int) -> str:
    return " ".join(["India and the US build defence ties."] * (n // 7)) + " ok" * (n % 7)


@pytest.mark.parametrize(
    ("n_words", "passed", "message"),
    [
        (312, False, "312 words, 25% over the 250-word limit"),
        (250, True, "250 words, within the 250-word limit"),
        (270, True, "270 words, 8% over the 250-word limit but within the tolerated 275"),
        (100, False, "100 words, only 40% of the 250-word limit"),
    ],
)
def test_length_message_gives_the_numbers(rubric, n_words, passed, message):
    report = check_structure(analyse(words(n_words)), rubric.question("Q1"), settings=rubric.question("Q1").settings)
    check = report.check("length")
    assert check.passed is passed
    assert message in check.message


def test_well_built_answer_passes_introduction_body_conclusion(rubric):
    q = rubric.question("Q1")
    report = check_structure(analyse(WELL_BUILT), q, settings=q.settings)
    assert [c.name for c in report.checks if c.passed] == ["introduction", "body", "conclusion", "directive"]


def test_single_block_without_conclusion_gets_advice(rubric):
    q = rubric.question("Q1")
    text = "India and the US signed a roadmap. They launched INDUS-X. They worry about China. The visit mattered."
    report = check_structure(analyse(text), q, settings=q.settings)
    assert not report.check("introduction").passed
    assert "Way forward" in report.check("conclusion").message


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        (WELL_BUILT, True),  # 'However', 'concerns' and a way forward
        (WELL_BUILT.replace("However, export controls and India's ties with Russia remain concerns.", "It is good."), False),
    ],
)
def test_critically_examine_needs_counter_arguments_and_a_verdict(rubric, text, passed):
    q = rubric.question("Q3")
    check = check_structure(analyse(text), q, settings=q.settings).check("directive")
    assert check.passed is passed
    if not passed:
        assert "counter-arguments" in check.message


@pytest.mark.parametrize(
    ("text", "is_list"),
    [
        ("iCET, INDUS-X, DTTI, roadmap, co-production, Quad, SSA, Indo-Pacific, China, MDP, BECA", True),
        ("iCET\nINDUS-X\nDTTI\nroadmap\nco-production\nQuad\nSSA", True),
        (WELL_BUILT, False),
    ],
)
def test_keyword_lists_are_flagged(text, is_list):
    score, listy = coherence(analyse(text), settings=DEFAULT_SETTINGS)
    assert listy is is_list
    assert (score <= 0.3) is is_list


def test_copied_question_is_flagged(rubric):
    q = rubric.question("Q3")
    assert copies_question(analyse(q.text), q, settings=q.settings)
    assert copies_question(analyse("Q. " + q.text.upper()), q, settings=q.settings)
    assert not copies_question(analyse(WELL_BUILT), q, settings=q.settings)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("\u092d\u093e\u0930\u0924 \u0914\u0930 \u0905\u092e\u0947\u0930\u093f\u0915\u093e \u0915\u0947 \u092c\u0940\u091a \u0930\u0915\u094d\u0937\u093e \u0938\u0939\u092f\u094b\u0917 \u092c\u0922\u093c \u0930\u0939\u093e \u0939\u0948", False),
        ("bharat aur america ke beech raksha sahyog badh raha hai kyunki dono desh china se chintit hain", False),
        (WELL_BUILT, True),
        ("The Quad, iCET and INDUS-X show that India and the US trust each other.", True),
    ],
)
def test_english_share_tells_english_from_hindi_and_hinglish(text, english):
    assert (english_share(analyse(text), settings=DEFAULT_SETTINGS) >= 0.5) is english


def test_markers_are_whole_words(rubric):
    q = rubric.question("Q1")
    text = "India met the US with enthusiasm.\n\nThe asterisk marks a debut of new ties between them.\n\nBoth sides signed many deals with enthusiasm."
    assert not check_structure(analyse(text), q, settings=q.settings).check("conclusion").passed


def test_headings_alone_are_not_introduction_body_or_conclusion(rubric):
    q = rubric.question("Q1")
    text = "Introduction\n\nRoadmap\n\nINDUS-X\n\nIndo-Pacific\n\nWay forward"
    report = check_structure(analyse(text), q, settings=q.settings)
    assert not any(report.check(name).passed for name in ("introduction", "body", "conclusion"))


def test_restating_the_question_before_answering_is_not_copying(rubric):
    q = rubric.question("Q1")
    answer = (q.text + " The visit produced a roadmap for co-production, launched INDUS-X for defence start-ups "
              "and confirmed India's Major Defence Partner status, which eases technology transfer.")
    assert not copies_question(analyse(answer), q, settings=q.settings)

"""Specification of the key point signals: keywords, acronyms, misspellings, meaning, alignment, evidence.

The contract every signal keeps (range, empty answer, determinism, exact evidence) is in test_contracts.py."""

from __future__ import annotations

import pytest

from evaluator import parse_rubric
from evaluator.core.context import compile_question, prepare_answer
from evaluator.core.signals.alignment import SIGNAL as ALIGNMENT
from evaluator.core.signals.keyword import SIGNAL as KEYWORD
from evaluator.core.signals.meaning import SIGNAL as MEANING
from evaluator.core.text import analyse

RUBRIC_TEXT = """
id: t
title: matching
questions:
  - id: Q
    text: "Discuss the India-US defence partnership."
    directive: discuss
    marks: 10
    word_limit: 150
    key_points:
      - id: roadmap
        point: "A roadmap for defence industrial cooperation speeds up co-production in India."
        keywords:
          - [roadmap, road map]
          - [co-production, joint production]
      - id: dtti
        point: "The Defence Technology and Trade Initiative was revived."
        keywords:
          - [DTTI, Defence Technology and Trade Initiative]
      - id: ssa
        point: "A space situational awareness arrangement shares data about objects in orbit."
        keywords:
          - [Space Situational Awareness]
"""
RUBRIC = parse_rubric(RUBRIC_TEXT)
QUESTION = RUBRIC.question("Q")
SETTINGS = QUESTION.settings
KEYWORDS_ONLY = SETTINGS.model_copy(update={"semantic": False})


def signal_for(text: str, point_id: str, signal=KEYWORD, settings=KEYWORDS_ONLY):
    answer = prepare_answer(analyse(text), QUESTION, settings=settings)
    point = next(p for p in answer.points if p.point.id == point_id)
    return signal(answer, point, settings=settings)


@pytest.mark.parametrize(
    ("text", "point_id", "expected"),
    [
        ("They agreed a roadmap for co-production.", "roadmap", 1.0),
        ("They agreed a Road-Map for coproduction.", "roadmap", 1.0),  # case, hyphens and spacing ignored
        ("They agreed road maps and joint production.", "roadmap", 1.0),  # lemmas: maps -> map
        ("They agreed a roadmap.", "roadmap", 0.5),  # one of two concepts
        ("The DTTI was revived.", "dtti", 1.0),  # acronym
        ("The dtti was revived.", "dtti", 1.0),  # acronyms match in any case
        ("The Defence Technology & Trade Initiative was revived.", "dtti", 1.0),  # expansion, '&' for 'and'
        ("The SSA deal helps.", "ssa", 1.0),  # acronym derived from the expansion
        ("Nothing relevant is said here.", "roadmap", 0.0),
    ],
)
def test_keyword_signal_matches_aliases_and_acronyms(text, point_id, expected):
    assert signal_for(text, point_id).score == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(
    ("text", "point_id", "low", "high"),
    [
        ("They agreed a roadmapp for co-producton.", "roadmap", 0.85, 0.95),  # misspelt: most, not all, credit
        ("They agreed a raodmap.", "roadmap", 0.4, 0.5),
    ],
)
def test_misspelt_keywords_earn_most_of_the_credit(text, point_id, low, high):
    sig = signal_for(text, point_id)
    assert low <= sig.score <= high
    assert all(e.kind == "fuzzy" for e in sig.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "The introduction of reforms matters.",  # 'introduction' is not 'co-production'
        "The DTI was revived.",  # acronyms never fuzzy-match
        "Roads and maps matter.",  # words in different places are not 'road map'
    ],
)
def test_near_misses_are_not_matches(text):
    assert signal_for(text, "roadmap").score <= 0.5 and signal_for(text, "dtti").score == 0


def test_evidence_spans_point_into_the_answer_unchanged():
    text = "Intro line.\n\nBoth sides signed a Road Map for co-production in 2023."
    sig = signal_for(text, "roadmap")
    assert {e.text for e in sig.evidence} == {"Road Map", "co-production"}
    for e in sig.evidence:
        assert text[e.start : e.end] == e.text
        assert e.sentence == 1


def test_paraphrase_earns_semantic_credit_without_keywords():
    text = "Washington and New Delhi agreed a plan so that weapons are jointly built by Indian and American firms."
    sem = signal_for(text, "roadmap", MEANING, SETTINGS)
    assert signal_for(text, "roadmap").score == 0
    assert sem.score > 0.3 and sem.strong  # specific, and closest to this point
    assert sem.evidence[0].kind == "semantic"


def test_alignment_credits_a_point_spread_over_sentences():
    spread = "A roadmap was agreed. It covers defence industrial cooperation. It speeds up co-production in India."
    unrelated = "Monsoon rains were late this year. Farmers waited to sow paddy. Prices of vegetables rose."
    spread_result = signal_for(spread, "roadmap", ALIGNMENT, SETTINGS)
    assert spread_result.score > 0.5 and spread_result.strong
    assert signal_for(unrelated, "roadmap", ALIGNMENT, SETTINGS).score == 0


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("There was no roadmap and never any joint production.", True),
        ("India has not signed any road map, nor any joint production deal.", True),
        ("India signed a roadmap for co-production, not a treaty.", False),  # the 'not' denies something else
    ],
)
def test_denied_keywords_earn_half(text, negated):
    sig = signal_for(text, "roadmap")
    assert any(e.negated for e in sig.evidence) is negated
    assert sig.score == pytest.approx(0.5 if negated else 1.0, abs=0.01)


def test_derived_acronyms_must_be_capitals():
    assert signal_for("The SSA deal helps.", "ssa").score == 1.0
    assert signal_for("The ssa deal helps.", "ssa").score == 0.0  # 'ssa' could be any word; SSA was not listed


def test_negated_point_is_at_most_partial(rubric):
    from evaluator import evaluate

    q = rubric.question("Q1")
    text = ("There is no roadmap. India and the US have never agreed on co-production. There is no defence industrial "
            "cooperation. India is not a Major Defence Partner and has no foundational agreements.")
    statuses = {p.id: p.status for p in evaluate(text, q).points}
    assert statuses["industrial-roadmap"] != "covered"
    assert statuses["mdp-technology-sharing"] != "covered"


def test_a_concept_without_words_is_ignored_not_a_crash():
    rubric = parse_rubric(RUBRIC_TEXT.replace("- [roadmap, road map]", "- ['...']\n          - [roadmap, road map]"))
    points = compile_question(rubric.question("Q"), settings=KEYWORDS_ONLY).points
    assert [len(p.concepts) for p in points] == [2, 1, 1]


SPECIFIC = "Washington and New Delhi agreed a plan so that weapons are jointly built by Indian and American firms."
VAGUE = "India and the US are working together on defence things."


@pytest.mark.parametrize(("information_full", "vague_loses"), [(3.0, True), (0, False)])
def test_a_vague_sentence_earns_less_meaning_credit_than_it_seems(information_full, vague_loses):
    # "working together on defence things" adds only common words to the question's own (India, US, defence)
    settings = SETTINGS.model_copy(update={"specific_information_full": information_full})
    plain = SETTINGS.model_copy(update={"specific_information_full": 0})
    vague, unchecked = (signal_for(VAGUE, "roadmap", MEANING, s).score for s in (settings, plain))
    assert (vague < unchecked) is vague_loses
    specific = signal_for(SPECIFIC, "roadmap", MEANING, settings).score
    assert specific == signal_for(SPECIFIC, "roadmap", MEANING, plain).score  # says enough: no loss

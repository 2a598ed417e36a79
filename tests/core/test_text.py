"""Specification of the text pass: words, lemmas, sentences, paragraphs, word counts."""

from __future__ import annotations

import pytest

from evaluator.core.text import analyse, count_words, lemma, lemma_set


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Roadmaps", "roadmap"),
        ("Co-Production", "coproduction"),  # hyphens and case removed: the key keyword matching uses
        ("co\u2011production", "coproduction"),  # so is a non-breaking hyphen from a word processor
        ("U.S.", "u.s"),  # trailing dots stripped
        ("&", "and"),
        ("signed", "sign"),
        ("\u200bindia", "india"),  # a zero-width space pasted from a web page is invisible to matching
    ],
)
def test_lemma_is_the_lowercase_lookup_form(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("India-US ties: a 2+2 dialogue -- and more.", 7),  # '--' holds no letter
        ("भारत और अमेरिका", 3),  # Devanagari words count
        ("🇮🇳 🤝 🇺🇸", 0),
        ("one\ttwo\nthree\u00a0four", 4),
    ],
)
def test_words_are_counted_as_an_examiner_counts_them(text: str, words: int) -> None:
    assert count_words(text) == words
    assert analyse(text).word_count == words


def test_bullets_and_headings_are_sentences_and_paragraphs_of_their_own() -> None:
    text = "Introduction\nIndia and the US signed a roadmap.\n\nOutcomes:\n- INDUS-X was launched\n- DTTI was revived"
    analysed = analyse(text)
    assert [s.text for s in analysed.sentences] == ["Introduction", "India and the US signed a roadmap.", "Outcomes:",
                                                    "- INDUS-X was launched", "- DTTI was revived"]
    assert [p.text for p in analysed.paragraphs] == ["Introduction\nIndia and the US signed a roadmap.",
                                                     "Outcomes:", "- INDUS-X was launched", "- DTTI was revived"]


def test_every_span_indexes_the_original_text() -> None:
    text = "  First point, made.\n\nSecond: the roadmap!  "
    analysed = analyse(text)
    assert analysed.text == text
    for span in (*analysed.sentences, *analysed.paragraphs):
        assert text[span.start : span.end] == span.text
    for token in analysed.tokens:
        assert text[token.start : token.end] == token.text


def test_tokens_know_their_sentence_and_whether_they_are_words() -> None:
    analysed = analyse("India signed. The US agreed!")
    assert [(t.text, t.sentence, t.is_word) for t in analysed.tokens] == [
        ("India", 0, True), ("signed", 0, True), (".", 0, False),
        ("The", 1, True), ("US", 1, True), ("agreed", 1, True), ("!", 1, False)]
    assert [t.is_stop for t in analysed.words] == [False, False, True, True, False]


def test_lemma_set_of_a_question() -> None:
    assert lemma_set("Discuss the roadmaps.") == {"discuss", "the", "roadmap"}

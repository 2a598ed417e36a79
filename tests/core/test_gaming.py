"""Gaming the evaluator (issue 21, section 5): text disguised with invisible or look-alike characters, and rubric
terms stuffed in a list. Each must earn what the plain text earns, and no more."""

from __future__ import annotations

import re

import pytest

from evaluator import Rubric, evaluate
from tests.conftest import ROOT

ARTICLE = ROOT / "rubrics" / "articles" / "india-us-defence.txt"


def pasted_article(words: int = 220) -> str:
    """The article's opening paragraphs as a student would paste them (read at test time, not copied here)."""
    paragraphs = [p.strip() for p in ARTICLE.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 25]
    text, count = [], 0
    for paragraph in paragraphs:
        text.append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            break
    return "\n\n".join(text)


def _inside_words(text: str, insert: str) -> str:
    return re.sub(r"\b(\w{2})(\w{2,})", rf"\1{insert}\2", text)


DISGUISES = {
    "zero-width spaces inside words": lambda t: _inside_words(t, "\u200b"),
    "soft hyphens inside words": lambda t: _inside_words(t, "\u00ad"),
    "zero-width joiners inside words": lambda t: _inside_words(t, "\u200d"),
    "Cyrillic o, a, e, c, p for Latin": lambda t: t.translate(str.maketrans("oaecp", "оаеср")),
}


@pytest.mark.parametrize("disguise", list(DISGUISES), ids=list(DISGUISES))
def test_regression_a_pasted_article_in_disguise_is_found_copied_as_without_it(rubric: Rubric, disguise: str) -> None:
    """Zero-width characters inside words took copy detection from 100% to 0% and the marks from 4 to 6.5."""
    question = rubric.question("Q1")
    plain = evaluate(pasted_article(), question, rubric=rubric)
    hidden = evaluate(DISGUISES[disguise](pasted_article()), question, rubric=rubric)
    assert "copied_source" in plain.flags and "copied_source" in hidden.flags
    assert hidden.copied_share == pytest.approx(plain.copied_share, abs=0.02)
    assert hidden.marks <= plain.marks
    assert "hidden_characters" in hidden.flags and "hidden_characters" not in plain.flags
    assert any("invisible or look-alike characters" in f.message for f in hidden.feedback)


def test_disguise_flags_only_latin_words_not_devanagari_joiners_or_pdf_ligatures(rubric: Rubric) -> None:
    text = ("भारत और अमेरिका के बीच रक्षा सहयोग बढ़ रहा है। क्\u200dया यह साझेदारी आगे बढ़ेगी? "  # a joiner shapes a conjunct
            "The \ufb01rst roadmap speeds up co-production.")  # "fi" as one ligature, from a PDF
    assert "hidden_characters" not in evaluate(text, rubric.question("Q1")).flags


def rubric_terms(question, count: int = 31) -> list[str]:  # noqa: ANN001 - a rubric Question
    """The first alias of every keyword concept of the question's points, up to ``count``."""
    terms = [concept[0] for point in question.key_points for concept in point.keywords]
    return list(dict.fromkeys(terms))[:count]


@pytest.mark.parametrize(("separator", "lead"), [(", ", "Keywords: "), ("; ", "Keywords: "), (", ", "Significance\n")],
                         ids=["commas", "semicolons", "under a sub-heading"])
def test_regression_a_list_of_rubric_terms_appended_to_a_weak_answer_covers_nothing(rubric: Rubric,
                                                                                    separator: str, lead: str) -> None:
    """31 rubric terms appended to a 1/15 answer gave 6.5/15 with every point covered (and would again under a
    sub-heading, if a heading made a list a note)."""
    from tests.conftest import SAMPLES

    question = rubric.question("Q1")
    weak = (SAMPLES / "q1_poor.txt").read_text(encoding="utf-8")
    terms = rubric_terms(question)
    assert len(terms) >= 20
    stuffed = weak.rstrip() + "\n\n" + lead + separator.join(terms) + "."
    before, after = evaluate(weak, question), evaluate(stuffed, question)
    assert after.marks <= before.marks + 1.0, (before.marks, after.marks)
    assert {p.id for p in after.points if p.status == "covered"} <= {p.id for p in before.points
                                                                      if p.status == "covered"}

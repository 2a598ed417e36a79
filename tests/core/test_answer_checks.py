"""Specification of the answer-level checks: copying the source, repetition, bullets under sub-headings,
headings that conclude, over-length, an answer for another question, short correct answers, Hinglish,
misspellings, and an improvement always offered below full marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator import evaluate
from evaluator.core.context import prepare_answer
from evaluator.core.copying import copied_words, fingerprint, source_shingles
from evaluator.core.structure import check_structure, coherence
from evaluator.core.text import analyse
from tests.answer_sets import SEED_ARTICLE, load_answer_set
from tests.conftest import ROOT, load_samples

SET = {a.file: a for a in load_answer_set(ROOT / "tests" / "data" / "upsc_answers")}
SAMPLES = {s.file: s for s in load_samples()}


def score(rubric, file: str, *, text: str | None = None, question: str | None = None):  # noqa: ANN001, ANN201
    answer = SET.get(file)
    qid = question or (answer.question_id if answer else file[:2].upper())
    body = text if text is not None else (answer.text if answer else SAMPLES[file].text)
    return evaluate(body, rubric.question(qid), rubric=rubric)


# --- copying the source ---


def test_the_fingerprint_finds_copied_runs_without_keeping_the_text() -> None:
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    hashes = fingerprint(article)
    assert hashes and not any(word in hashes for word in ("India", "defence"))  # only hashes
    pasted = SET["q1_pasted.paste"].text
    copied = copied_words(analyse(pasted), source_shingles("", hashes))
    assert sum(copied) / len(copied) > 0.9
    own = SET["q1_topper.txt"].text
    assert sum(copied_words(analyse(own), source_shingles("", hashes))) == 0


@pytest.mark.parametrize("qid", ["Q1", "Q2", "Q3", "Q4"])
def test_pasted_source_text_is_reported_and_scores_below_an_honest_topper(rubric, qid: str) -> None:  # noqa: ANN001
    pasted, topper = score(rubric, f"{qid.lower()}_pasted.paste"), score(rubric, f"{qid.lower()}_topper.txt")
    assert "copied_source" in pasted.flags and pasted.copied_share > 0.8
    assert any(f"{pasted.copied_share:.0%} of this answer is copied" in f.message for f in pasted.feedback)
    assert pasted.marks < topper.marks
    assert "copied_source" not in topper.flags


# --- structure as examiners see it ---


def test_bullets_of_full_clauses_under_sub_headings_are_a_body_not_a_keyword_list(rubric) -> None:  # noqa: ANN001
    for qid in ("Q1", "Q2", "Q3", "Q4"):
        result = score(rubric, f"{qid.lower()}_bullets.txt")
        assert not result.structure.is_keyword_list
        assert result.structure.check("body").passed and result.structure.check("conclusion").passed
        assert result.marks >= score(rubric, f"{qid.lower()}_average.txt").marks


def test_telegraphic_bullets_under_headings_are_prose_but_a_column_of_terms_is_a_list() -> None:
    from evaluator import DEFAULT_SETTINGS

    bullets = ("Significance:\n- Roadmap: co-production of jet engines in India\n- INDUS-X: start-up bridge "
               "through iDEX and DIU\n- MDP status: technology transfer without an alliance\n\nWay forward:\n"
               "- Ease export controls and fund joint research")
    terms = "iCET\nINDUS-X\nDTTI\nroadmap\nco-production\nQuad\nSSA"
    assert not coherence(analyse(bullets), settings=DEFAULT_SETTINGS)[1]
    assert coherence(analyse(terms), settings=DEFAULT_SETTINGS)[1]


@pytest.mark.parametrize("heading", ["Way forward", "Conclusion", "Way forward:", "The road ahead"])
def test_a_conclusion_heading_over_the_last_paragraph_counts(rubric, heading: str) -> None:  # noqa: ANN001
    q1 = rubric.question("Q1")
    body = ("The June 2023 visit of Lloyd Austin opened a new phase in India-US defence ties.\n\n"
            "The roadmap for defence industrial cooperation speeds up co-production in India.\n\n"
            "INDUS-X links start-ups of both countries through iDEX and the Defense Innovation Unit.\n\n"
            f"{heading}\n\nIndia and the US must implement the roadmap and build trust for an enduring partnership.")
    result = evaluate(body, q1)
    assert result.structure.check("conclusion").passed


@pytest.mark.parametrize("qid", ["Q1", "Q2", "Q3", "Q4"])
def test_repeated_text_counts_once_and_is_flagged_as_padding(rubric, qid: str) -> None:  # noqa: ANN001
    text = SET[f"{qid.lower()}_repeated.txt"].text
    paragraphs = text.split("\n\n")
    once = "\n\n".join(paragraphs[: len(paragraphs) // 2])
    repeated, single = score(rubric, "", text=text, question=qid), score(rubric, "", text=once, question=qid)
    assert "repetition" in repeated.flags and repeated.structure.repeated_words > 0.4 * repeated.word_count
    assert "repetition" not in single.flags
    assert repeated.share < single.share  # the same content, with padding
    assert any("repeat sentences you already wrote" in f.message for f in repeated.feedback)


def test_one_block_loses_a_little_to_the_same_content_with_paragraphs(rubric) -> None:  # noqa: ANN001
    block = SAMPLES["q1_excellent.txt"].text
    one = " ".join(block.split())
    assert score(rubric, "q1_excellent.txt", text=one).marks < score(rubric, "q1_excellent.txt").marks
    assert score(rubric, "q1_excellent.txt", text=one).marks >= score(rubric, "q1_average.txt").marks


@pytest.mark.parametrize("qid", ["Q1", "Q2", "Q3", "Q4"])
def test_an_excellent_answer_at_twice_the_limit_keeps_most_of_its_credit(rubric, qid: str) -> None:  # noqa: ANN001
    long, topper = score(rubric, f"{qid.lower()}_twice_limit.txt"), score(rubric, f"{qid.lower()}_topper.txt")
    assert long.word_count > 1.8 * rubric.question(qid).word_limit
    assert 0.6 * topper.marks <= long.marks < topper.marks
    assert long.marks > score(rubric, f"{qid.lower()}_average.txt").marks


# --- the question answered ---


@pytest.mark.parametrize("qid", ["Q1", "Q2", "Q3", "Q4"])
def test_an_answer_written_for_another_question_loses_its_marks_here(rubric, qid: str) -> None:  # noqa: ANN001
    file = f"{qid.lower()}_wrong_question.txt"
    alone = score(rubric, file)
    question = rubric.question(qid)
    without_rubric = evaluate(SET[file].text, question)
    assert alone.better_question and alone.better_question != qid and "other_question" in alone.flags
    assert alone.marks < without_rubric.marks
    assert alone.marks <= 0.15 * question.marks
    assert any(f"fits question {alone.better_question}" in f.message for f in alone.feedback)
    honest = score(rubric, f"{qid.lower()}_average.txt")
    assert not honest.better_question and alone.marks < honest.marks


@pytest.mark.parametrize("qid", ["Q1", "Q2", "Q3", "Q4"])
def test_a_short_correct_answer_is_never_zeroed(rubric, qid: str) -> None:  # noqa: ANN001
    short = score(rubric, f"{qid.lower()}_short_correct.txt")
    assert short.word_count < 50 and short.relevance == 1.0
    assert short.marks >= 0.1 * rubric.question(qid).marks
    assert [p for p in short.points if p.status == "covered"]
    assert short.marks > score(rubric, f"{qid.lower()}_keywords.txt").marks


@pytest.mark.parametrize("qid", ["Q1", "Q2", "Q3", "Q4"])
def test_hinglish_content_is_marked_with_a_note_never_a_bare_zero(rubric, qid: str) -> None:  # noqa: ANN001
    result = score(rubric, f"{qid.lower()}_hinglish.txt")
    assert result.ok and result.marks > 0 and "hinglish" in result.flags
    assert any("Hinglish" in f.message for f in result.feedback)
    assert [f for f in result.feedback if f.kind == "covered"]  # content feedback, not only the note
    hindi = Path(ROOT / "samples" / "india-us-defence" / "hindi" / f"{qid.lower()}_good.en.txt").read_text("utf-8")
    assert result.marks < evaluate(hindi, rubric.question(qid)).marks  # the same content in English earns more


def test_misspelt_key_terms_cost_a_little_not_the_point(rubric) -> None:  # noqa: ANN001
    misspelt, clean = score(rubric, "q4_misspelt.txt"), score(rubric, "q4_excellent.txt")
    assert "spelling" in misspelt.flags and "spelling" not in clean.flags
    assert misspelt.share < clean.share
    assert any("look misspelt ('seler'" in f.message for f in misspelt.feedback)
    assert [p.status for p in misspelt.points].count("covered") >= len(misspelt.points) - 1


# --- the scale ---


@pytest.mark.parametrize("file", sorted(SAMPLES))
def test_below_full_marks_there_is_always_something_to_improve(rubric, file: str) -> None:  # noqa: ANN001
    result = score(rubric, file)
    if result.ok and result.marks < result.max_marks:
        assert {"contradicted", "partial", "missing", "structure", "improve"} & {f.kind for f in result.feedback}


def test_a_covered_answer_is_told_how_to_go_higher(rubric) -> None:  # noqa: ANN001
    result = score(rubric, "q4_excellent.txt")
    assert result.marks < result.max_marks
    assert any(f.kind in ("improve", "partial", "missing", "structure") for f in result.feedback)


def test_the_information_of_the_answer_drives_substance_and_development(rubric) -> None:  # noqa: ANN001
    q1 = rubric.question("Q1")
    filler, topper = (prepare_answer(analyse(SET[f].text), q1, settings=q1.settings)
                      for f in ("q1_filler.txt", "q1_topper.txt"))
    assert max(filler.information) < 5 < max(topper.information)
    assert check_structure(analyse(SET["q1_filler.txt"].text), q1, settings=q1.settings).misspelt_share == 0

"""Which rubric and question of the bank an answer fits: the one ranking the CLI and the batch page share."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator import load_rubric
from evaluator.rubrics.bank import load_rubrics
from evaluator.rubrics.matching import match_answer, match_batch
from tests.conftest import ROOT

SAMPLES = ROOT / "samples"
BANK = [rubric for _, rubric in load_rubrics(ROOT / "rubrics")[0]]
US = load_rubric(ROOT / "rubrics" / "india_us_defence.yaml")
# every English sample written for its question, not off-topic, weak or poor (those may fit nothing clearly)
ON_TOPIC = sorted(p for p in SAMPLES.glob("*/q*_*.txt")
                  if p.stem.split("_", 1)[1] in ("average", "topper", "excellent", "keywords", "paraphrase",
                                                  "paraphrased", "wrongfacts", "misspelt"))


def rubric_id_of(sample: Path) -> str:
    return sample.parent.name


@pytest.mark.parametrize("sample", ON_TOPIC, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_an_on_topic_answer_fits_its_own_rubric_best(sample: Path) -> None:
    found = match_answer(sample.read_text(encoding="utf-8"), BANK)
    assert found.best is not None and found.best.rubric_id == rubric_id_of(sample)


def test_answers_to_one_question_find_it_among_the_rubrics_questions() -> None:
    hits = [match_answer(p.read_text(encoding="utf-8"), BANK).best.question_id == p.name[:2].upper()
            for p in ON_TOPIC]
    assert sum(hits) / len(hits) >= 0.95


@pytest.mark.parametrize(
    ("sample", "elsewhere"),
    [
        ("gst-council-federalism/q1_topper.txt", True),
        ("india-us-defence/q1_excellent.txt", False),
        ("india-us-defence/q1_poor.txt", False),  # thin, not elsewhere: it fits no question clearly
        ("india-us-defence/hindi/q1_good.hi.txt", False),  # Devanagari shares no words: never sent elsewhere
    ],
)
def test_only_an_answer_that_clearly_fits_another_rubric_is_sent_there(sample: str, elsewhere: bool) -> None:
    assert match_answer((SAMPLES / sample).read_text(encoding="utf-8"), BANK, US).elsewhere is elsewhere


def test_a_class_of_gst_answers_on_the_india_us_rubric_is_stopped_and_offered_gst() -> None:
    answers = {p.name: p.read_text(encoding="utf-8") for p in (SAMPLES / "gst-council-federalism").glob("q*.txt")}
    found = match_batch(answers, BANK, US)
    assert found.stop and found.suggested == "gst-council-federalism"
    assert found.suggested_count == 7 and len(found.answers) == 8  # the weak one fits nothing clearly
    assert found.fits_better("q1_topper.txt").label == "gst-council-federalism Q1"
    assert found.fits_better("q1_weak.txt") is None


def test_a_class_on_the_right_rubric_goes_on_with_its_strays_flagged() -> None:
    answers = {p.name: p.read_text(encoding="utf-8") for p in (SAMPLES / "india-us-defence").glob("q*.txt")}
    found = match_batch(answers, BANK, US)
    assert not found.stop and found.suggested is None
    assert {k for k in answers if found.fits_better(k)} <= {k for k in answers if "offtopic" in k}


def test_without_a_chosen_rubric_the_batch_takes_the_one_most_answers_fit() -> None:
    answers = {p.name: p.read_text(encoding="utf-8") for p in (SAMPLES / "upi-digital-payments").glob("q*.txt")}
    found = match_batch(answers, BANK)
    assert found.suggested == "upi-digital-payments" and not found.stop

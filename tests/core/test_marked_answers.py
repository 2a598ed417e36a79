"""Agreement with an examiner on answers written to probe the evaluator, marked before they were ever scored.

``tests/data/upsc_answers`` holds 64 answers to Q1-Q4 (toppers, paraphrased toppers, averages, weak, filler,
wrong facts in fluent prose, negated claims, pasted article paragraphs, bullets, one block, twice the limit,
repeated text, answers to another question, Hinglish, very short correct answers, keyword stuffing), with
the examiner's marks and range, and 57 order pairs any examiner keeps. ``samples/india-us-defence/hindi``
holds English-medium answers marked by another examiner. Marks are compared as a share of each question's.
"""

from __future__ import annotations

import csv

import pytest
from scipy.stats import spearmanr

from evaluator import evaluate
from tests.answer_sets import load_answer_set, load_pairs
from tests.conftest import ROOT

SET_DIR = ROOT / "tests" / "data" / "upsc_answers"
ANSWERS = load_answer_set(SET_DIR)
HINDI_DIR = ROOT / "samples" / "india-us-defence" / "hindi"


@pytest.fixture(scope="module")
def marks(rubric) -> dict[str, float]:  # noqa: ANN001
    return {a.file: evaluate(a.text, rubric.question(a.question_id), rubric=rubric).marks for a in ANSWERS}


def test_the_set_is_the_one_the_issue_asks_for() -> None:
    kinds = {a.kind for a in ANSWERS}
    assert len(ANSWERS) >= 48 and len(load_pairs(SET_DIR)) >= 30
    assert {"topper", "average", "filler", "wrongfacts", "negated", "topper_paraphrase", "pasted", "bullets",
            "oneblock", "twice_limit", "repeated", "wrong_question", "hinglish", "short_correct"} <= kinds


def test_the_order_agrees_with_the_examiner(rubric, marks) -> None:  # noqa: ANN001
    share = [marks[a.file] / rubric.question(a.question_id).marks for a in ANSWERS]
    examiner = [a.marks / rubric.question(a.question_id).marks for a in ANSWERS]
    assert spearmanr(share, examiner)[0] >= 0.85


# answers whose facts are right, however they are written (bullets, one block, twice the limit, paraphrase, pasted
# article text, Hinglish...): no claim in them is called wrong
CORRECT_KINDS = {"topper", "topper_paraphrase", "average", "bullets", "oneblock", "twice_limit", "repeated", "pasted",
                 "short_correct", "hinglish"}


@pytest.mark.parametrize("answer", [a for a in ANSWERS if a.kind in CORRECT_KINDS], ids=lambda a: a.file)
def test_no_claim_of_a_correct_answer_is_called_wrong(rubric, answer) -> None:  # noqa: ANN001
    evaluation = evaluate(answer.text, rubric.question(answer.question_id), rubric=rubric)
    assert [c.clause for c in evaluation.claims if c.verdict == "wrong"] == []


BY_FILE = {a.file: a for a in ANSWERS}
# a pair any examiner keeps: the better answer's lowest acceptable mark is at least the worse one's highest
# (5 of the 57 pairs have touching ranges, e.g. twice the limit against an average answer: tested on their own)
CLEAR_PAIRS = [(b, w) for b, w in load_pairs(SET_DIR) if BY_FILE[b].low >= BY_FILE[w].high]


def test_at_least_thirty_pairs_are_clear() -> None:
    assert len(CLEAR_PAIRS) >= 30


@pytest.mark.parametrize(("better", "worse"), CLEAR_PAIRS, ids=lambda f: f.removesuffix(".txt"))
def test_every_pair_an_examiner_keeps_is_kept(marks, better: str, worse: str) -> None:  # noqa: ANN001
    assert marks[better] > marks[worse]


def test_most_answers_land_in_the_examiners_range(marks) -> None:  # noqa: ANN001
    inside = [a.file for a in ANSWERS if a.low <= marks[a.file] <= a.high]
    assert len(inside) >= 0.75 * len(ANSWERS)


def test_another_examiners_english_medium_answers_agree_too(rubric) -> None:  # noqa: ANN001
    with (HINDI_DIR / "marks.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["lang"] == "en"]
    scored = [evaluate((HINDI_DIR / r["file"]).read_text(encoding="utf-8"), rubric.question(r["question_id"]),
                       rubric=rubric).marks for r in rows]
    assert spearmanr(scored, [float(r["marks"]) for r in rows])[0] >= 0.85
    assert sum(float(r["low"]) <= m <= float(r["high"]) for r, m in zip(rows, scored, strict=True)) >= 0.75 * len(rows)

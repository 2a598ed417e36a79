"""Specification of whole evaluations: sample ordering, mentor ranges, golden files, bad input, feedback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from evaluator import evaluate
from tests.conftest import load_samples

SAMPLES = load_samples()
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
BY_KIND = {(s.question_id, s.kind): s for s in SAMPLES}
QUESTIONS = sorted({s.question_id for s in SAMPLES})


@pytest.fixture(scope="module")
def marks(rubric) -> dict[str, float]:
    return {s.file: evaluate(s.text, rubric.question(s.question_id)).marks for s in SAMPLES}


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.file for s in SAMPLES])
def test_marks_stay_within_the_mentors_range(marks, sample):
    assert sample.low <= marks[sample.file] <= sample.high


# (better, worse): a mentor would always rank the first above the second
ORDER = [
    ("excellent", "average"),
    ("average", "poor"),
    ("excellent", "keywords"),
    ("average", "keywords"),
    ("average", "offtopic"),
    ("paraphrased", "poor"),
    ("paraphrased", "keywords"),
    ("misspelt", "average"),
    ("misspelt", "offtopic"),
]


@pytest.mark.parametrize("qid", QUESTIONS)
@pytest.mark.parametrize(("better", "worse"), ORDER)
def test_sample_ordering(marks, qid, better, worse):
    assert marks[BY_KIND[(qid, better)].file] > marks[BY_KIND[(qid, worse)].file]


@pytest.mark.parametrize("qid", QUESTIONS)
def test_excellent_earns_the_upsc_topper_share(rubric, marks, qid):
    share = marks[BY_KIND[(qid, "excellent")].file] / rubric.question(qid).marks
    assert 0.55 <= share <= 0.75


@pytest.mark.parametrize("qid", QUESTIONS)
@pytest.mark.parametrize("kind", ["keywords", "offtopic"])
def test_non_answers_score_low(rubric, marks, qid, kind):
    assert marks[BY_KIND[(qid, kind)].file] <= 0.1 * rubric.question(qid).marks


def test_copied_question_scores_low(rubric):
    for q in rubric.questions:
        result = evaluate(q.text, q)
        assert result.marks <= 0.1 * q.marks
        assert "copied_question" in result.structure.flags


def golden_view(result) -> dict:
    return {
        "marks": result.marks,
        "outcome": result.outcome,
        "points": {p.id: p.status for p in result.points},
        "flags": list(result.structure.flags),
        "failed_checks": [c.name for c in result.structure.checks if not c.passed],
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.file for s in SAMPLES])
def test_golden_evaluations(rubric, sample):
    """Whole evaluations of samples/ are pinned; regenerate with UPDATE_GOLDEN=1 after an intended change."""
    view = golden_view(evaluate(sample.text, rubric.question(sample.question_id)))
    path = GOLDEN / sample.file.replace(".txt", ".json")
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(json.dumps(view, indent=2) + "\n", encoding="utf-8")
    assert view == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "outcome", "words"),
    [
        ("", "empty", "empty"),
        ("   \n\t ", "empty", "empty"),
        ("x" * 40_000, "too_long", "40,000 characters"),
        ("word " * 5_500, "too_long", "5,500 words"),
        ("\x00\x01\x02\x03garbage\x04\x05" * 20, "unreadable", "binary"),
        ("\ufffd\ufffd text \ufffd\ufffd" * 10, "unreadable", "encoded"),
        ("இந்தியா மற்றும் அமெரிக்கா இடையே பாதுகாப்பு ஒத்துழைப்பு", "non_english", "English"),  # Tamil (Hindi is scored)
    ],
)
def test_bad_input_scores_zero_with_a_clear_message(rubric, text, outcome, words):
    result = evaluate(text, rubric.question("Q1"))
    assert (result.outcome, result.marks, result.ok) == (outcome, 0.0, False)
    assert words in result.message
    assert result.feedback[0].kind == "warning"


def test_result_api_and_dict(rubric):
    q = rubric.question("Q2")
    result = evaluate(BY_KIND[("Q2", "excellent")].text, q)
    assert (result.max_marks, result.question_id, result.ok) == (10, "Q2", True)
    assert len(result.points) == len(q.key_points)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["marks"] == result.marks
    assert {p["status"] for p in data["points"]} <= {"covered", "partial", "missing"}
    assert 0 <= data["structure"]["score"] <= 1


def test_feedback_quotes_the_answer_and_gives_hints(rubric):
    q = rubric.question("Q1")
    text = BY_KIND[("Q1", "average")].text
    result = evaluate(text, q)
    kinds = [item.kind for item in result.feedback]
    assert kinds[0] == "summary"
    covered = [item for item in result.feedback if item.kind == "covered"]
    assert covered and all('"' in item.message for item in covered)
    quoted = covered[0].message.split('"')[1].rstrip("…")
    assert quoted in " ".join(text.split())
    missing = {item.point_id for item in result.feedback if item.kind in ("missing", "partial")}
    hints = {p.id: p.hint for p in q.key_points}
    for item in result.feedback:
        if item.point_id in missing:
            assert hints[item.point_id] in item.message


def test_semantic_off_still_scores_keywords(rubric):
    q = rubric.question("Q1")
    fast = q.settings.model_copy(update={"semantic": False})
    excellent = evaluate(BY_KIND[("Q1", "excellent")].text, q, settings=fast)
    poor = evaluate(BY_KIND[("Q1", "poor")].text, q, settings=fast)
    assert excellent.marks > poor.marks
    assert all(set(p.signals) == {"keyword", "contradiction"} for p in excellent.points)  # no meaning signal ran


def test_evaluation_is_deterministic(rubric):
    q = rubric.question("Q3")
    text = BY_KIND[("Q3", "misspelt")].text
    assert evaluate(text, q) == evaluate(text, q)


@pytest.mark.parametrize("qid", QUESTIONS)
def test_keyword_lists_cover_no_point(rubric, qid):
    result = evaluate(BY_KIND[(qid, "keywords")].text, rubric.question(qid))
    assert not [p for p in result.points if p.status == "covered"]
    assert result.feedback[1].kind == "warning"


@pytest.mark.parametrize(("coherence_weight", "scaled_down"), [(1.0, True), (0.0, False)])
def test_coherence_weight_sets_how_much_a_keyword_list_loses(rubric, coherence_weight, scaled_down):
    question = rubric.question("Q1")
    listed = BY_KIND[("Q1", "keywords")].text
    settings = question.settings.model_copy(update={"coherence_weight": coherence_weight})
    result = evaluate(listed, question, settings=settings)
    assert result.structure.is_keyword_list and result.structure.coherence < 0.5
    unscaled = question.settings.model_copy(update={"coherence_weight": 0.0})
    assert (result.share < evaluate(listed, question, settings=unscaled).share) is scaled_down


def test_a_specific_paraphrase_covers_its_point_without_rubric_terms(rubric):
    result = evaluate(BY_KIND[("Q2", "paraphrased")].text, rubric.question("Q2"))
    point = next(p for p in result.points if p.id == "top-level-oversight")
    assert point.signals["keyword"] == 0 and point.status == "covered"
    # without red flags, the status follows the score: every point at the covered threshold is covered
    threshold = rubric.question("Q2").settings.covered_threshold
    assert all(p.status == "covered" for p in result.points if p.score >= threshold)


@pytest.mark.parametrize("qid", QUESTIONS)
def test_an_off_topic_answer_covers_no_point(rubric, qid):
    result = evaluate(BY_KIND[(qid, "offtopic")].text, rubric.question(qid))
    assert result.relevance == 0
    assert not [p for p in result.points if p.status == "covered"]

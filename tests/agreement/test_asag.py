"""Specification of the ASAG benchmark: drafting from references, metrics, grouped calibration, the CLI."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from evaluator.agreement.asag import (
    AsagError,
    GradedAnswer,
    calibrated_shares,
    draft_questions,
    parse_graded_csv,
    run_asag,
    score_all,
    whole_answer_features,
    word_overlap,
)
from evaluator.agreement.metrics import agreement
from evaluator.authoring.short_answer import draft_points, salient_terms
from tests.conftest import ROOT

SMALL = Path(__file__).resolve().parents[1] / "data" / "asag_small.csv"


@pytest.fixture(scope="module")
def items():
    return parse_graded_csv(SMALL.read_text(encoding="utf-8"), source=str(SMALL))


def test_question_words_are_not_keywords():
    points = draft_points("It places the new element on the top of the stack.",
                          question="What does a stack do when you push an element?")
    keywords = {k for p in points for c in p.keywords for k in c}
    assert {"place", "new", "top"} <= keywords
    assert not keywords & {"stack", "element", "push"}


def test_long_references_split_into_weighted_points():
    reference = ("A heap keeps the smallest key at the root; insertion adds the key at the last leaf and sifts it up, "
                 "whereas deletion moves the last leaf to the root and sifts it down.")
    points = draft_points(reference)
    assert len(points) == 3
    assert all(1 <= p.weight <= 3 and p.keywords for p in points)
    assert salient_terms("The heaps were sifted") == ["heap", "sift"]


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ([1, 2, 3, 4], [1, 2, 3, 4], {"pearson": 1.0, "spearman": 1.0, "rmse": 0.0, "qwk": 1.0, "mae": 0.0}),
        ([4, 3, 2, 1], [1, 2, 3, 4], {"pearson": -1.0, "spearman": -1.0, "mae": 2.0}),
        ([2, 2, 2, 2], [1, 2, 3, 4], {"pearson": 0.0, "spearman": 0.0, "qwk": 0.0, "within_one": 0.75}),
        ([0.5, 1.0], [1.0, 1.0], {"rmse": np.sqrt(0.125), "mae": 0.25, "within_one": 1.0}),
    ],
    ids=["perfect", "reversed", "constant", "half marks"],
)
def test_agreement_metrics(pred, gold, expected):
    result = agreement(pred, gold).to_dict()
    for key, value in expected.items():
        assert result[key] == pytest.approx(value, abs=1e-3), key


def test_agreement_refuses_mismatched_lengths():
    with pytest.raises(ValueError, match="3 predictions for 2"):
        agreement([1, 2, 3], [1, 2])


def test_drafted_rubrics_rank_answers_like_the_graders(items):
    report = run_asag(items)
    assert report.agreement.n == 15
    assert report.agreement.pearson > 0.6
    best = {i.question_id: p for i, p in zip(items, report.predicted, strict=False) if i.score == 5}
    worst = {i.question_id: p for i, p in zip(items, report.predicted, strict=False) if i.score <= 1}
    assert all(best[q] > worst[q] for q in worst)


def test_calibration_never_sees_the_question_it_predicts(items):
    evaluations = score_all(items)
    base = calibrated_shares(items, evaluations, folds=3)
    # relabel one question's human scores: its own predictions must not move, since it is never in its training fold
    changed = [i if i.question_id != "q2" else type(i)(**{**i.__dict__, "score": 5 - i.score}) for i in items]
    moved = calibrated_shares(changed, evaluations, folds=3)
    q2 = np.array([i.question_id == "q2" for i in items])
    assert np.allclose(base[q2], moved[q2])
    assert not np.allclose(base[~q2], moved[~q2])


def test_one_question_cannot_be_calibrated(items):
    one = [i for i in items if i.question_id == "q1"]
    with pytest.raises(AsagError, match="at least two different questions"):
        calibrated_shares(one, score_all(one))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("question_id,question,score\nq,x,1\n", "missing column(s) reference_answer, student_answer, max_score"),
        ("question_id,question,reference_answer,student_answer,score,max_score\nq,x,r,a,7,5\n", ":2: score 7 must lie in"),
        ("question_id,question,reference_answer,student_answer,score,max_score\nq,x,r,a,high,5\n", ":2: score and max_score must be numbers"),
        ("question_id,question,reference_answer,student_answer,score,max_score\n", "no rows"),
    ],
)
def test_bad_csv_names_line_and_column(text, message):
    with pytest.raises(AsagError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_graded_csv(text, source="g.csv")


def test_drafted_questions_are_one_per_id(items):
    questions = draft_questions(items)
    assert sorted(questions) == ["q1", "q2", "q3"]
    assert all(q.scoring.structure_share == 0 for q in questions.values())


@pytest.mark.parametrize("calibrate", [False, True])
def test_asag_command_prints_the_metrics_as_json(calibrate):
    args = [sys.executable, "-m", "evaluator", "asag", str(SMALL), "--format", "json"] + (["--calibrate"] if calibrate else [])
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"n", "pearson", "spearman", "rmse", "qwk", "mae"} <= data.keys()
    assert data["n"] == 15 and data["calibrated"] is calibrate


def test_asag_command_refuses_a_bad_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "evaluator", "asag", str(bad)], cwd=ROOT, capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert b"missing column(s)" in proc.stderr and b"Traceback" not in proc.stderr


def _graded(answer: str) -> GradedAnswer:
    return GradedAnswer("q", "What does a stack data structure do?", "A stack stores items last in, first out.",
                        answer, 0.0, 5.0)


def test_whole_answer_features_are_bounded_and_rank_a_correct_answer_first():
    right, echo, wrong = (_graded(a) for a in ("It keeps elements so the last one pushed is the first one popped.",
                                                "A stack data structure does things.",
                                                "Bananas are yellow fruit grown in the tropics."))
    features = whole_answer_features([right, echo, wrong])
    assert features.shape == (3, 8)
    assert (features >= -1).all() and (features <= 1).all()
    cosine, question_demoted_recall = features[:, 0], features[:, 3]
    assert cosine[0] > cosine[2]
    # restating the question earns less once the question's own words are weighted down
    recall = features[:, 1]
    assert question_demoted_recall[1] < recall[1]
    assert recall[1] - question_demoted_recall[1] > recall[0] - question_demoted_recall[0]


@pytest.mark.parametrize(("answer", "expected"), [
    ("A stack stores items last in, first out.", [1.0, 1.0, 1.0]),
    ("Items go in.", [1 / 4, 1 / 3, 1.0]),  # reference terms: stack, store, item, last; "stack" is in the question
    ("", [0.0, 0.0, 0.0]),
])
def test_lexical_overlap_with_the_reference(answer, expected):
    recall, new_recall, precision, _ = whole_answer_features([_graded(answer)])[0, 4:]
    assert [recall, new_recall, precision] == pytest.approx(expected, abs=0.01)


def _binary(items: list[GradedAnswer]) -> list[GradedAnswer]:
    """The small file as correct / not-correct labels: 3 marks of 5 or more is correct."""
    return [GradedAnswer(i.question_id, i.question, i.reference, i.answer, float(i.score >= 3), 1.0) for i in items]


def test_fitting_on_another_file_never_reads_the_predicted_files_scores(items):
    train, test = [i for i in items if i.question_id != "q3"], [i for i in items if i.question_id == "q3"]
    report = run_asag(test, train=train)
    flipped = [GradedAnswer(i.question_id, i.question, i.reference, i.answer, 5 - i.score, 5.0) for i in test]
    assert run_asag(flipped, train=train).predicted == report.predicted
    assert report.calibrated and report.fitted_on == len(train)


def test_binary_labels_get_accuracy_f1_auc_and_a_threshold_from_training_predictions(items):
    binary = _binary(items)
    train, test = [i for i in binary if i.question_id != "q3"], [i for i in binary if i.question_id == "q3"]
    report = run_asag(test, train=train).to_dict()
    assert {"accuracy", "macro_f1", "auc", "threshold"} <= report.keys()
    assert not {"qwk", "within_one"} & report.keys()  # a half-mark grid and one mark mean nothing for 0/1 labels
    # the threshold is chosen on the training file's out-of-fold predictions, so the test labels cannot move it
    flipped = [GradedAnswer(i.question_id, i.question, i.reference, i.answer, 1 - i.score, 1.0) for i in test]
    assert run_asag(flipped, train=train).to_dict()["threshold"] == report["threshold"]
    assert "threshold" not in run_asag(items).to_dict()  # 0-5 marks are not labels


def test_the_word_overlap_baseline_is_measured_the_same_way(items):
    plain, calibrated = run_asag(items, baseline=True), run_asag(items, baseline=True, calibrate=True)
    assert plain.predicted[0] == pytest.approx(5 * word_overlap(items[0].answer, items[0].reference))
    assert calibrated.calibrated and len(calibrated.predicted) == len(items)


def test_several_references_count_the_closest_one():
    item = GradedAnswer("q", "Why does the bulb light?", "x / y", "The circuit is closed.", 1, 1,
                        ("The bulb is in a closed path with the battery.", "The circuit is closed."))
    single = GradedAnswer("q", "Why does the bulb light?", "The bulb is in a closed path with the battery.",
                          "The circuit is closed.", 1, 1)
    both, first = whole_answer_features([item])[0], whole_answer_features([single])[0]
    assert both[0] > first[0] and both[0] == pytest.approx(1.0, abs=0.02)  # cosine with the identical reference (int8)


def test_asag_command_on_labels_writes_predictions_and_warns_about_few_questions(items, tmp_path):
    data = tmp_path / "binary.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["question_id", "question", "reference_answer", "student_answer", "score", "max_score", "id"])
        writer.writerows([i.question_id, i.question, i.reference, i.answer, int(i.score), 1, n]
                         for n, i in enumerate(_binary(items)))
    out = tmp_path / "predicted.csv"
    proc = subprocess.run([sys.executable, "-m", "evaluator", "asag", str(data), "--calibrate", "--format", "json",
                           "--predictions", str(out)], cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert b"has 3 question(s); calibration grouped by question is unstable below 10" in proc.stderr
    result = json.loads(proc.stdout)
    assert {"accuracy", "macro_f1", "auc", "threshold"} <= result.keys() and "qwk" not in result
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["question_id", "question", "reference_answer", "student_answer", "score", "max_score",
                             "id", "predicted"]
    assert [r["id"] for r in rows] == [str(n) for n in range(15)] and all(0 <= float(r["predicted"]) <= 1 for r in rows)

"""Specification of calibration against mentor marks: reading them, agreement per key point, fitting by CV."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from evaluator import Rubric, load_rubric, parse_rubric
from evaluator.agreement.calibrate import (
    CalibrationError,
    FitResult,
    MarkedAnswer,
    PredictionCache,
    answer_files_named,
    calibration_report,
    check_against,
    choose_settings,
    cv_splits,
    fit_settings,
    parse_marks_csv,
    read_marks_csv,
    score_marked,
)
from evaluator.agreement.metrics import agreement
from evaluator.cli import main
from tests.conftest import RUBRIC_PATH, SAMPLES

# A tiny rubric scored by keywords only, so every number below can be worked out by hand.
TINY = parse_rubric("""\
id: tiny
title: Tiny rubric
scoring: {semantic: false, structure_share: 0, depth_exponent: 0, top_share: 1, development_floor: 1, substance_floor: 1}
questions:
  - id: Q1
    text: "Discuss the river treaty between the two states."
    directive: discuss
    marks: 10
    word_limit: 60
    key_points:
      - id: sharing
        point: "The treaty shares the river's water by an agreed formula."
        keywords: [[water sharing], [agreed formula]]
      - id: tribunal
        point: "Disputes go to a tribunal."
        keywords: [[tribunal]]
""")
GOOD = ("The treaty settles water sharing by an agreed formula that both states accept, and any dispute about "
        "it goes to a tribunal whose ruling binds the two governments.")
HALF = "The treaty settles water sharing by an agreed formula that both states accept after long talks and visits."
WEAK = ("The two states met several times and talked about the river and a tribunal but agreed on very little "
        "in the end.")


@pytest.fixture(scope="module")
def samples() -> list[MarkedAnswer]:
    return read_marks_csv(SAMPLES / "marks.csv")


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(RUBRIC_PATH)


@pytest.fixture(scope="module")
def keyword_predictions(samples: list[MarkedAnswer], rubric: Rubric) -> PredictionCache:
    """One cache of keyword-only predictions for every fit below (the answers' texts never change)."""
    return PredictionCache(samples, rubric, semantic=False)


# --- reading marks ---


def test_the_samples_marks_file_is_read_with_its_answer_files(samples: list[MarkedAnswer]) -> None:
    assert len(samples) == 28
    first = samples[0]
    assert (first.key, first.question_id, first.marks) == ("q1_excellent.txt", "Q1", 9.5)
    assert first.text == (SAMPLES / "q1_excellent.txt").read_text(encoding="utf-8")


def test_answers_may_be_written_in_the_csv() -> None:
    rows = parse_marks_csv('question_id,answer,marks\nQ1,"Water sharing, agreed formula.",7\n\nQ1,x,0\n',
                           source="m.csv")
    # spreadsheet row numbers (the header is row 1), blank lines skipped
    assert [(r.key, r.text, r.marks) for r in rows] == [("m.csv row 2", "Water sharing, agreed formula.", 7.0),
                                                        ("m.csv row 4", "x", 0.0)]


@pytest.mark.parametrize(("csv_text", "message"), [
    ("question_id,marks\nQ1,5\n", "m.csv:1: missing column(s) answer or file"),
    ("file,answer\na.txt,x\n", "missing column(s) question_id, marks"),
    ("question_id,answer,marks\nQ1,x,seven\n", "m.csv:2: marks must be a number (got 'seven')"),
    ("question_id,answer,marks\nQ1,x,-1\n", "m.csv:2: marks must be 0 or more"),
    ("question_id,answer,marks\n,x,3\n", "m.csv:2: question_id is empty"),
    ("question_id,file,marks\nQ1,gone.txt,3\n", "m.csv:2: cannot read answer file 'gone.txt'"),
    ("question_id,answer,marks\n", "m.csv: no marked answers"),
])
def test_bad_marks_files_are_refused_naming_line_and_column(csv_text: str, message: str) -> None:
    def read_file(name: str) -> str:
        raise FileNotFoundError(2, "No such file or directory")

    with pytest.raises(CalibrationError) as err:
        parse_marks_csv(csv_text, source="m.csv", read_file=read_file)
    assert message in str(err.value)


SAMPLE_MARKS = (SAMPLES / "marks.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(("csv_text", "names"), [
    (SAMPLE_MARKS, [line.split(",")[0] for line in SAMPLE_MARKS.splitlines()[1:]]),  # the 28 sample answers
    ("question_id,File,marks\nQ1, a.txt ,3\nQ1,,2\nQ2,a.txt,1\nQ2,sub/b.txt,4\n", ["a.txt", "sub/b.txt"]),
    ("question_id,path,answer,marks\nQ1,a.txt,,3\nQ1,,written here,2\n", ["a.txt"]),
    ("question_id,answer,marks\nQ1,x,3\n", []),  # answers written in the CSV: no files to upload
    ("", []),
    ("question_id,file\n\"unclosed,3\n", []),  # the unclosed quote swallows the row: no file is named
])
def test_the_answer_files_a_marks_csv_names_are_listed_once_each(csv_text: str, names: list[str]) -> None:
    assert answer_files_named(csv_text) == names


@pytest.mark.parametrize(("answer", "message"), [
    (MarkedAnswer("a.txt", "Q7", "text", 3), "a.txt: no question 'Q7' in rubric 'tiny'; available: Q1"),
    (MarkedAnswer("b.txt", "Q1", "text", 12), "b.txt: mentor marks 12 exceed the question's 10 marks"),
])
def test_marks_must_fit_the_rubric(answer: MarkedAnswer, message: str) -> None:
    with pytest.raises(CalibrationError, match=message):
        check_against([answer], TINY)


# --- reporting ---


def tiny_items() -> list[MarkedAnswer]:
    return [MarkedAnswer("good", "Q1", GOOD, 9), MarkedAnswer("half", "Q1", HALF, 6),
            MarkedAnswer("weak", "Q1", WEAK, 1), MarkedAnswer("empty", "Q1", "", 0)]


def test_report_on_fixed_data() -> None:
    items = tiny_items()
    evaluations = score_marked(items, TINY)
    # keyword shares: good covers both points, half covers sharing, weak only names the tribunal
    assert [e.marks for e in evaluations] == [10.0, 5.0, 5.0, 0.0]
    report = calibration_report(items, evaluations, TINY, top=2)
    assert report.overall == agreement([10, 5, 5, 0], [9, 6, 1, 0])
    assert report.per_question["Q1"] == report.overall
    sharing, tribunal = report.points
    # better half (mentor share >= median 0.35): good, half; weaker half: weak, empty
    assert (sharing.point_id, sharing.covered_high, sharing.covered_low) == ("sharing", 1.0, 0.0)
    assert (tribunal.point_id, tribunal.covered_high, tribunal.covered_low) == ("tribunal", 0.5, 0.5)
    assert sharing.correlation == pytest.approx(agreement([1, 1, 0, 0], [0.9, 0.6, 0.1, 0]).pearson)
    assert sharing.correlation > tribunal.correlation
    # the worst disagreement: "weak" named the tribunal and got 5 marks where the mentor gave 1
    worst = report.disagreements[0]
    assert (worst.key, worst.mentor, worst.evaluator, worst.difference) == ("weak", 1, 5.0, 4.0)
    assert (worst.matched, worst.missed) == (("tribunal",), ("sharing",))
    assert [d.key for d in report.disagreements] == ["weak", "good"]
    assert worst.flags == ("short (22/60 words)",)


def test_disagreements_name_the_red_flags(samples: list[MarkedAnswer], rubric: Rubric) -> None:
    items = [s for s in samples if s.key in ("q2_keywords.txt", "q2_offtopic.txt")]
    items = [dataclasses.replace(i, marks=8.0) for i in items]  # a mentor who disagrees strongly
    report = calibration_report(items, score_marked(items, rubric), rubric)
    flags = {d.key: d.flags for d in report.disagreements}
    assert "reads as a keyword list" in flags["q2_keywords.txt"]
    assert any(f.startswith("off-topic gate") for f in flags["q2_offtopic.txt"])


# --- fitting ---


def test_choose_settings_reads_only_the_training_answers() -> None:
    base = np.array([2.0, 4.0, 6.0, 8.0, 3.0, 5.0])

    def predict(update, indices):  # a stand-in scorer: marks scale with top_share
        return base[list(indices)] * update["top_share"] / 0.7

    grid = {"top_share": (0.5, 0.6, 0.7, 0.8, 0.9)}
    human = base * 0.8 / 0.7
    train = [0, 1, 2, 3]
    chosen = choose_settings(predict, human, train, grid, start={"top_share": 0.7})
    assert chosen == {"top_share": 0.8}
    # whatever the held-out marks are, the choice is the same
    wild = human.copy()
    wild[4:] = [0.0, 100.0]
    assert choose_settings(predict, wild, train, grid, start={"top_share": 0.7}) == chosen
    # ...while the training marks do decide it
    assert choose_settings(predict, base * 0.5 / 0.7, train, grid, start={"top_share": 0.7}) == {"top_share": 0.5}


def test_ties_keep_the_rubric_settings() -> None:
    def predict(update, indices):  # settings that change nothing
        return np.array([1.0, 2.0, 3.0])[list(indices)]

    assert choose_settings(predict, [1, 2, 4], [0, 1, 2], {"top_share": (0.6, 0.8)}, start={"top_share": 0.7}) == {
        "top_share": 0.7}


def test_folds_are_grouped_by_question_when_there_are_three_or_more(samples: list[MarkedAnswer]) -> None:
    splits, grouped = cv_splits(samples, folds=5)
    assert grouped and len(splits) == 4  # one fold per question
    for train, test in splits:
        assert len({samples[k].question_id for k in test}) == 1
        assert not {samples[k].question_id for k in test} & {samples[k].question_id for k in train}
    one_question = [s for s in samples if s.question_id == "Q1"]
    splits, grouped = cv_splits(one_question, folds=3)
    assert not grouped and len(splits) == 3


def test_fitting_needs_enough_answers(samples: list[MarkedAnswer], rubric: Rubric) -> None:
    with pytest.raises(CalibrationError, match="at least 6 marked answers"):
        fit_settings(samples[:5], rubric, semantic=False)


def test_fit_reports_cross_validated_agreement_before_and_after(samples: list[MarkedAnswer], rubric: Rubric,
                                                               keyword_predictions: PredictionCache) -> None:
    fit = fit_settings(samples, rubric, semantic=False, predict=keyword_predictions)
    human = [s.marks for s in samples]
    assert fit.before == agreement([e.marks for e in score_marked(samples, rubric, update={"semantic": False})], human)
    assert fit.grouped and fit.folds == 4 and len(fit.fold_settings) == 4
    assert fit.start == {"keyword_weight": 0.6, "semantic_full": 0.65, "structure_share": 0.25, "top_share": 0.7}
    assert set(fit.settings) == set(fit.start)
    # the in-sample agreement is never worse than before (the search starts from the rubric's settings)
    assert fit.after_fit.mae <= fit.before.mae
    assert fit.to_dict()["changed"] == fit.changed


def test_held_out_marks_never_reach_their_fold(samples: list[MarkedAnswer], rubric: Rubric,
                                               keyword_predictions: PredictionCache) -> None:
    splits, _ = cv_splits(samples)
    q1_fold = next(n for n, (_, test) in enumerate(splits) if samples[test[0]].question_id == "Q1")
    # a mentor who marked every Q1 answer 0: only the folds that train on Q1 may choose differently
    zeroed = [dataclasses.replace(s, marks=0.0) if s.question_id == "Q1" else s for s in samples]
    original = fit_settings(samples, rubric, semantic=False, predict=keyword_predictions)
    changed = fit_settings(zeroed, rubric, semantic=False, predict=keyword_predictions)
    assert changed.fold_settings[q1_fold] == original.fold_settings[q1_fold]


def test_fitting_shuffled_marks_does_not_fake_agreement(samples: list[MarkedAnswer], rubric: Rubric,
                                                        keyword_predictions: PredictionCache) -> None:
    marks = np.random.default_rng(3).permutation([s.marks for s in samples])
    shuffled = [dataclasses.replace(s, marks=float(m)) for s, m in zip(samples, marks, strict=True)]
    fit = fit_settings(shuffled, rubric, semantic=False, predict=keyword_predictions)
    assert fit.before.pearson < 0.3
    assert fit.after_cv.pearson < 0.3  # no setting turns noise into agreement on held-out answers
    assert fit.after_cv.mae > 0.9 * fit.before.mae


@pytest.mark.parametrize(("objective", "cv_mae", "cv_pearson", "improves"), [
    ("mae", 0.5, 0.9, True),
    ("mae", 0.8, 0.99, False),  # better order, but marks no closer: not what was asked
    ("pearson", 0.8, 0.99, True),
    ("pearson", 0.5, 0.9, False),
])
def test_fitted_settings_are_recommended_only_when_they_win_on_held_out_answers(
        objective: str, cv_mae: float, cv_pearson: float, improves: bool) -> None:
    before = dataclasses.replace(agreement([1, 2, 3, 4], [1, 2, 3, 5]), mae=0.7, pearson=0.95)
    after = dataclasses.replace(before, mae=cv_mae, pearson=cv_pearson)
    fit = FitResult({"top_share": 0.6}, {"top_share": 0.7}, before, after, after, 4, True, objective)
    assert fit.improves is improves
    assert fit.recommended == ({"top_share": 0.6} if improves else {"top_share": 0.7})


# --- command line ---


def test_cli_calibrate_reports_agreement_and_disagreements(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calibrate", "--rubric", str(RUBRIC_PATH), str(SAMPLES / "marks.csv"), "--no-semantic",
                 "--format", "json", "--top", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["rubric_id"], data["rubric_version"], data["overall"]["n"]) == ("india-us-defence", load_rubric(RUBRIC_PATH).version, 28)
    assert set(data["per_question"]) == {"Q1", "Q2", "Q3", "Q4"}
    assert len(data["points"]) == sum(len(q.key_points) for q in load_rubric(RUBRIC_PATH).questions)
    assert len(data["disagreements"]) == 3
    diffs = [abs(d["difference"]) for d in data["disagreements"]]
    assert diffs == sorted(diffs, reverse=True)


def test_cli_calibrate_fit_writes_a_tuned_copy_that_keeps_the_comments(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "tuned.yaml"
    assert main(["calibrate", "--rubric", str(RUBRIC_PATH), str(SAMPLES / "marks.csv"), "--no-semantic",
                 "--fit", str(out)]) == 0
    report = capsys.readouterr().out
    assert "Fit (4-fold cross-validation, folds grouped by question; objective mae)" in report
    assert "before (rubric as is):" in report and "after (cross-validated):" in report
    tuned, original = out.read_text(encoding="utf-8"), RUBRIC_PATH.read_text(encoding="utf-8")
    assert [line for line in tuned.splitlines() if line.lstrip().startswith("#")] == \
           [line for line in original.splitlines() if line.lstrip().startswith("#")]
    rubric = load_rubric(out)
    assert rubric.version == 2
    assert "scoring:" in tuned and tuned.index("version: 2") < tuned.index("scoring:") < tuned.index("questions:")
    assert [q.key_points for q in rubric.questions] == [q.key_points for q in load_rubric(RUBRIC_PATH).questions]


@pytest.mark.parametrize(("args", "message"), [
    (["--rubric", "rubrics/none.yaml", "samples/india-us-defence/marks.csv"], "cannot read file"),
    (["--rubric", str(RUBRIC_PATH), "no/marks.csv"], "no/marks.csv: cannot read"),
])
def test_cli_calibrate_bad_input_exits_2(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(["calibrate", *args]) == 2
    assert message in capsys.readouterr().err

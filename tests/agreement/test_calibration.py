"""Specification of a rubric's calibration on mentor marks: fitting, refusing, saving beside the rubric, applying."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from evaluator import Rubric, ScoringSettings, evaluate, load_rubric
from evaluator.agreement.calibrate import read_marks_csv
from evaluator.agreement.calibration import (
    EVALUATION_FEATURES,
    MIN_MARKS_TO_CALIBRATE,
    CalibrationFileError,
    MentorMark,
    MonotoneModel,
    RubricCalibration,
    TooFewMarks,
    calibration_json,
    calibration_path,
    fit_calibration,
    load_calibration,
)
from evaluator.batch.runner import BatchOptions, run_batch
from evaluator.io.sources import AnswerItem
from tests.conftest import RUBRIC_PATH, SAMPLES

LEXICAL = ScoringSettings(semantic=False)  # real evaluations without the sentence model, for speed


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(RUBRIC_PATH)


@pytest.fixture(scope="module")
def marks(rubric: Rubric) -> list[MentorMark]:
    """The 28 sample answers with the mentor's marks, each evaluated by the rubric as it is."""
    return [MentorMark(m.question_id, m.marks, evaluate(m.text, rubric.question(m.question_id), settings=LEXICAL),
                       "marks.csv") for m in read_marks_csv(SAMPLES / "marks.csv")]


@pytest.fixture(scope="module")
def fitted(marks: list[MentorMark], rubric: Rubric):  # noqa: ANN201 - CalibrationFit
    return fit_calibration(marks, rubric)


def test_more_of_any_feature_never_lowers_the_prediction() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((60, 3))
    model = MonotoneModel.fit(x, np.clip(x.mean(axis=1) + rng.normal(0, 0.1, 60), 0, 1), names=("a", "b", "c"))
    for column in range(3):
        grid = np.tile(x[:10], (1, 1))
        low, high = grid.copy(), grid.copy()
        low[:, column], high[:, column] = 0.2, 0.8
        assert (model.predict(high) >= model.predict(low)).all()


def test_fitting_refuses_too_few_marks_and_says_how_many_more(marks: list[MentorMark], rubric: Rubric) -> None:
    with pytest.raises(TooFewMarks, match=rf"at least {MIN_MARKS_TO_CALIBRATE} mentor marks.*there are 12: "
                                          rf"mark {MIN_MARKS_TO_CALIBRATE - 12} more"):
        fit_calibration(marks[:12], rubric)


def test_answers_the_evaluator_refused_do_not_count(marks: list[MentorMark], rubric: Rubric) -> None:
    q1 = rubric.question("Q1")
    refused = [MentorMark("Q1", 0.0, evaluate("", q1), "marks.csv")] * 10
    with pytest.raises(TooFewMarks, match=r"there are 15 \(10 more were not scored\)"):
        fit_calibration(marks[:15] + refused, rubric)


def test_calibration_brings_marks_closer_to_the_mentor_on_held_out_questions(fitted) -> None:  # noqa: ANN001
    assert fitted.calibration.answers == 28
    assert dict(fitted.calibration.sources) == {"marks.csv": 28}
    # cross-validated by question: each question's answers predicted by a model fitted on the other three
    assert fitted.after_cv.n == fitted.before.n == 28
    assert fitted.after_cv.mae < fitted.before.mae


def test_a_calibrated_result_says_so_and_keeps_the_evidence(fitted, rubric: Rubric) -> None:  # noqa: ANN001
    question = rubric.question("Q1")
    raw = evaluate((SAMPLES / "q1_average.txt").read_text(encoding="utf-8"), question, settings=LEXICAL)
    result = fitted.calibration.apply(raw, question)
    assert result.calibration is not None and result.calibration.answers == 28
    assert result.calibration.uncalibrated_marks == raw.marks
    assert result.message.endswith("(calibrated on 28 mentor marks)")
    assert result.points == raw.points  # statuses and evidence are the evaluator's
    summary = next(f.message for f in result.feedback if f.kind == "summary")
    assert summary.startswith(f"{result.marks:g}/15:")  # the summary line speaks of the new marks
    empty = evaluate("", question)
    assert fitted.calibration.apply(empty, question) is empty  # refusals get no marks, calibrated or not


def test_a_saved_calibration_comes_back_with_the_same_predictions(fitted, rubric: Rubric, tmp_path: Path) -> None:  # noqa: ANN001
    rubric_file = tmp_path / "india_us_defence.yaml"
    shutil.copy(RUBRIC_PATH, rubric_file)
    assert load_calibration(rubric_file) is None  # none yet
    calibration_path(rubric_file).write_bytes(calibration_json(fitted.calibration))
    assert calibration_path(rubric_file).name == "india_us_defence.calibration.json"
    loaded = load_calibration(rubric_file)
    assert loaded is not None and (loaded.rubric_id, loaded.rubric_version, loaded.answers) == ("india-us-defence", load_rubric(RUBRIC_PATH).version, 28)
    x = fitted.calibration.model.x
    assert np.allclose(loaded.model.predict(x), fitted.calibration.model.predict(x), atol=1e-6)
    assert loaded.fingerprint() == fitted.calibration.fingerprint()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"calibration.json:1: not JSON"),
        ('{"format": 2}', r"format: expected 1 \(got 2\)"),
        ('{"format": 1, "rubric_id": "r", "rubric_version": "one", "model": {}}', r"rubric_version: expected int"),
        ('{"format": 1, "rubric_id": "r", "rubric_version": 1, "model": {"features": ["x"]}}', r"model.features"),
    ],
    ids=["not json", "format", "version", "features"],
)
def test_a_broken_calibration_file_is_refused_naming_the_field(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "r.calibration.json").write_text(content, encoding="utf-8")
    with pytest.raises(CalibrationFileError, match=message):
        load_calibration(tmp_path / "r.yaml")


def test_too_few_answers_in_a_file_are_refused(fitted, tmp_path: Path) -> None:  # noqa: ANN001
    data = fitted.calibration.to_dict()
    data["model"]["x"], data["model"]["y"] = data["model"]["x"][:5], data["model"]["y"][:5]
    with pytest.raises(CalibrationFileError, match=r"model: 5 answers; a calibration needs at least 20"):
        RubricCalibration.from_dict(json.loads(json.dumps(data)), source="r.calibration.json")


def test_a_batch_applies_a_calibration_only_to_the_rubric_version_it_was_fitted_for(fitted, rubric: Rubric) -> None:  # noqa: ANN001
    item = AnswerItem("q1_a.txt", "q1_a.txt", "a", "Q1", (SAMPLES / "q1_poor.txt").read_text(encoding="utf-8"))
    options = BatchOptions(semantic=False)
    plain = run_batch([item], rubric, options=options).rows[0]
    calibrated = run_batch([item], rubric, options=options, calibration=fitted.calibration).rows[0]
    assert (plain.calibrated_on, calibrated.calibrated_on) == (0, 28)
    newer = rubric.model_copy(update={"version": rubric.version + 1})
    assert run_batch([item], newer, options=options, calibration=fitted.calibration).rows[0].calibrated_on == 0
    assert len(EVALUATION_FEATURES) == fitted.calibration.model.x.shape[1]

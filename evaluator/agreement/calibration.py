"""A monotone calibration: the evaluator's signals in, a grader's share of the marks out.

One model serves both places that learn from human marks:

- ``asag`` maps an evaluation and the answer's closeness to its reference answer to the human
  score, fitted on other questions (``--calibrate``) or on another file (``--fit``);
- a rubric's calibration maps an evaluation alone to a mentor's marks, fitted on the mentor's
  overrides and marks CSVs, saved beside the rubric and applied whenever that rubric scores.

The model is shallow gradient boosting, monotone in every feature: more coverage, meaning or
length never lowers the predicted mark, so a calibrated evaluator still ranks a fuller answer
above a thinner one. It is saved as the features and targets it was fitted on (JSON, no pickle:
nothing in a file beside a rubric is executed) and fitted again, deterministically, on load.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import GroupKFold, KFold

from evaluator.agreement.metrics import Agreement, agreement
from evaluator.core.feedback import build_feedback
from evaluator.core.results import Calibration, Evaluation
from evaluator.core.scoring import round_half
from evaluator.core.signals import FAMILY_OF
from evaluator.rubrics.model import Question, Rubric

MIN_MARKS_TO_CALIBRATE = 20  # fewer mentor marks than this fit noise, not the mentor's scale
CALIBRATION_SUFFIX = ".calibration.json"
FILE_FORMAT = 1
DEFAULT_FOLDS = 5
LEAF_SHARE = 10  # a leaf holds at least 1/LEAF_SHARE of the answers (between MIN_LEAF and MAX_LEAF)
MIN_LEAF, MAX_LEAF = 3, 20
LENGTH_CAP = 1.5  # words / word limit beyond which a longer answer says nothing more

# what a rubric calibration reads from an evaluation: all in [0, 1], none depends on which question it is
EVALUATION_FEATURES = ("share", "content", "structure", "relevance", "lexical", "meaning", "covered", "length")


class CalibrationFileError(ValueError):
    """A calibration file that cannot be used, naming the file and the field."""


class TooFewMarks(ValueError):
    """Fewer mentor marks than a calibration needs; the message says how many more."""


# --- the model -------------------------------------------------------------------------------------------------------


def _estimator(n: int) -> HistGradientBoostingRegressor:
    # shallow trees; leaves shrink with the data, so 30 mentor marks fit as well as 5,000 graded answers
    leaf = max(MIN_LEAF, min(MAX_LEAF, n // LEAF_SHARE))
    return HistGradientBoostingRegressor(max_depth=3, max_iter=150, learning_rate=0.05, min_samples_leaf=leaf,
                                         early_stopping=False, random_state=0)


class MonotoneModel:
    """Shares of the marks predicted from features, monotone increasing in every feature.

    >>> x = [[0.1], [0.2], [0.4], [0.6], [0.8], [0.9]] * 4
    >>> model = MonotoneModel.fit(x, [0.0, 0.1, 0.3, 0.6, 0.8, 1.0] * 4, names=("share",))
    >>> bool(model.predict([[0.9]])[0] > model.predict([[0.2]])[0])
    True
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, names: tuple[str, ...]) -> None:
        self.x, self.y, self.names = x, y, names
        self._estimator = _estimator(len(y)).set_params(monotonic_cst=[1] * x.shape[1]).fit(x, y)

    @classmethod
    def fit(cls, x: Sequence[Sequence[float]] | np.ndarray, y: Sequence[float] | np.ndarray, *,
            names: tuple[str, ...]) -> MonotoneModel:
        """Fit on features ``x`` (one row per answer, columns ``names``) and target shares ``y`` in [0, 1]."""
        x_arr, y_arr = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if x_arr.ndim != 2 or x_arr.shape[1] != len(names) or len(x_arr) != len(y_arr):
            raise ValueError(f"features of shape {x_arr.shape} for {len(y_arr)} targets and {len(names)} names")
        return cls(x_arr, y_arr, names)

    def predict(self, x: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """Predicted shares of the marks, in [0, 1]."""
        return np.clip(self._estimator.predict(np.asarray(x, dtype=float)), 0.0, 1.0)

    @property
    def n(self) -> int:
        return len(self.y)

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.names), "x": np.round(self.x, 6).tolist(), "y": np.round(self.y, 6).tolist()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MonotoneModel:
        return cls.fit(data["x"], data["y"], names=tuple(data["features"]))

    def fingerprint(self) -> str:
        """A hash of what the model was fitted on: predictions change only when it changes."""
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()[:16]


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: Sequence[str], *, folds: int = DEFAULT_FOLDS,
                names: tuple[str, ...], grouped_only: bool = False) -> np.ndarray:
    """Each answer predicted by a model fitted without its group (question), or without its fold when there
    are fewer than three groups (unless ``grouped_only``); raises ``ValueError`` when there is too little to split."""
    groups_arr = np.asarray(groups)
    n_groups = len(set(groups_arr.tolist()))
    if n_groups >= 3 or (grouped_only and n_groups >= 2):
        splits = GroupKFold(n_splits=min(folds, n_groups)).split(x, y, groups_arr)
    elif len(y) >= 2 * MIN_LEAF:
        splits = KFold(n_splits=min(folds, len(y) // MIN_LEAF), shuffle=True, random_state=0).split(x)
    else:
        raise ValueError(f"{len(y)} answers are too few to cross-validate")
    out = np.zeros(len(y))
    for train, test in splits:
        out[test] = MonotoneModel.fit(x[train], y[train], names=names).predict(x[test])
    return out


# --- features of an evaluation ----------------------------------------------------------------------------------------


def family_means(evaluation: Evaluation) -> dict[str, float]:
    """Weighted mean over key points of each signal family's best score (a signal of a family the core does not
    name yet counts as its own family)."""
    points = evaluation.points
    total = sum(p.weight for p in points)
    means: dict[str, float] = {}
    for p in points:
        best: dict[str, float] = {}
        for name, score in p.signals.items():
            family = FAMILY_OF.get(name, name)
            best[family] = max(best.get(family, 0.0), score)
        for family, score in best.items():
            means[family] = means.get(family, 0.0) + p.weight * score / total
    return means


def evaluation_features(evaluation: Evaluation, question: Question) -> list[float]:
    """The :data:`EVALUATION_FEATURES` of one evaluation: what a rubric calibration reads.

    A point counts as covered 1, partial 0.5, and anything else (missing, or a status such as
    'contradicted') 0.
    """
    points = evaluation.points
    total = sum(p.weight for p in points) or 1.0
    families = family_means(evaluation)
    covered = sum(p.weight * {"covered": 1.0, "partial": 0.5}.get(p.status, 0.0) for p in points) / total
    length = min(LENGTH_CAP, evaluation.word_count / question.word_limit) / LENGTH_CAP
    return [evaluation.share, evaluation.content_score, evaluation.structure_score, evaluation.relevance,
            families.get("lexical", 0.0), families.get("meaning", 0.0), covered, length]


# --- a rubric's calibration -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalibrationFit:
    """What fitting found: the calibration, and agreement with the mentor before and after (cross-validated)."""

    calibration: RubricCalibration
    before: Agreement  # the rubric's own marks against the mentor's
    after_cv: Agreement  # each answer's calibrated marks from a model fitted without its question (or fold)
    predicted_cv: tuple[float, ...]


@dataclass(frozen=True)
class RubricCalibration:
    """A monotone model from evaluation features to a mentor's share of the marks, for one rubric version."""

    rubric_id: str
    rubric_version: int
    model: MonotoneModel
    fitted_at: str = ""
    sources: tuple[tuple[str, int], ...] = ()  # (where the marks came from, how many), e.g. ("overrides by meena", 2)
    fitted_by: str = ""  # the account that fitted it (the logged-in mentor; "shell" on the command line)

    @property
    def answers(self) -> int:
        return self.model.n

    @property
    def note(self) -> str:
        """What a student or mentor is told: 'calibrated on 42 mentor marks'."""
        return f"calibrated on {self.answers} mentor marks"

    def fits(self, rubric: Rubric) -> bool:
        """True when this calibration was fitted for this rubric and version."""
        return (self.rubric_id, self.rubric_version) == (rubric.id, rubric.version)

    def fingerprint(self) -> str:
        return f"{self.rubric_id}@v{self.rubric_version}:{self.model.fingerprint()}"

    def apply(self, evaluation: Evaluation, question: Question) -> Evaluation:
        """The evaluation with its marks on the mentor's scale; a refused answer is returned unchanged.

        The summary feedback line is written again with the new marks; the key points, evidence
        and the rest of the feedback are the evaluator's.
        """
        if not evaluation.ok:
            return evaluation
        share = float(self.model.predict([evaluation_features(evaluation, question)])[0])
        marks = round_half(question.marks * share)
        calibrated = replace(evaluation, marks=marks, share=round(share, 4),
                             message=f"{marks:g} / {question.marks:g} marks ({self.note})",
                             calibration=Calibration(self.answers, self.rubric_version, evaluation.marks))
        return replace(calibrated, feedback=build_feedback(calibrated, question, settings=question.settings))

    def to_dict(self) -> dict[str, Any]:
        return {"format": FILE_FORMAT, "rubric_id": self.rubric_id, "rubric_version": self.rubric_version,
                "answers": self.answers, "fitted_at": self.fitted_at, "fitted_by": self.fitted_by,
                "sources": {name: count for name, count in self.sources}, "model": self.model.to_dict()}

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<calibration>") -> RubricCalibration:
        """Read a saved calibration; :class:`CalibrationFileError` names the file and the field that is wrong."""
        if not isinstance(data, dict):
            raise CalibrationFileError(f"{source}: expected a JSON object")
        if data.get("format") != FILE_FORMAT:
            raise CalibrationFileError(f"{source}: format: expected {FILE_FORMAT} (got {data.get('format')!r})")
        for key, kind in (("rubric_id", str), ("rubric_version", int), ("model", dict)):
            if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
                raise CalibrationFileError(f"{source}: {key}: expected {kind.__name__} (got {data.get(key)!r})")
        model = data["model"]
        if tuple(model.get("features", ())) != EVALUATION_FEATURES:
            raise CalibrationFileError(f"{source}: model.features: expected {list(EVALUATION_FEATURES)} "
                                       f"(got {model.get('features')!r})")
        try:
            x, y = np.asarray(model["x"], dtype=float), np.asarray(model["y"], dtype=float)
        except (KeyError, TypeError, ValueError) as exc:
            raise CalibrationFileError(f"{source}: model.x / model.y: not a table of numbers ({exc})") from None
        if x.ndim != 2 or x.shape != (len(y), len(EVALUATION_FEATURES)) or not np.isfinite(x).all() \
                or not np.isfinite(y).all() or ((y < 0) | (y > 1)).any():
            raise CalibrationFileError(f"{source}: model: expected {len(EVALUATION_FEATURES)} finite features per "
                                       f"answer and shares in [0, 1] (got x {x.shape}, y {y.shape})")
        if len(y) < MIN_MARKS_TO_CALIBRATE:
            raise CalibrationFileError(f"{source}: model: {len(y)} answers; a calibration needs at least "
                                       f"{MIN_MARKS_TO_CALIBRATE}")
        sources = data.get("sources") or {}
        return cls(data["rubric_id"], data["rubric_version"], MonotoneModel(x, y, EVALUATION_FEATURES),
                   str(data.get("fitted_at", "")),
                   tuple((str(k), int(v)) for k, v in sources.items()) if isinstance(sources, dict) else (),
                   str(data.get("fitted_by", "")))


def calibration_path(rubric_path: str | Path) -> Path:
    """Where a rubric's calibration is kept: beside it, ``india_us_defence.calibration.json``."""
    path = Path(rubric_path)
    return path.with_name(path.stem + CALIBRATION_SUFFIX)


def load_calibration(rubric_path: str | Path) -> RubricCalibration | None:
    """The calibration saved beside a rubric, or ``None`` when there is none.

    Raises:
        CalibrationFileError: the file exists but is not a calibration (naming the file and field).
    """
    path = calibration_path(rubric_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise CalibrationFileError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CalibrationFileError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
    return RubricCalibration.from_dict(data, source=str(path))


def calibration_json(calibration: RubricCalibration) -> bytes:
    """The calibration as the JSON text saved beside its rubric."""
    return (json.dumps(calibration.to_dict(), indent=1) + "\n").encode("utf-8")


@dataclass(frozen=True)
class MentorMark:
    """One answer a mentor marked, with its evaluation by the rubric as it is (uncalibrated)."""

    question_id: str
    marks: float
    evaluation: Evaluation
    source: str  # "overrides by <mentor>", or the marks CSV's name


def fit_calibration(marks: Sequence[MentorMark], rubric: Rubric, *, folds: int = DEFAULT_FOLDS,
                    fitted_by: str = "") -> CalibrationFit:
    """Fit a rubric calibration on mentor marks, with cross-validated agreement before and after; ``fitted_by`` is
    the acting account, kept in the calibration.

    Answers the evaluator refused (empty, not English...) are left out: calibration never gives them marks.

    Raises:
        TooFewMarks: fewer than :data:`MIN_MARKS_TO_CALIBRATE` usable marks, saying how many more are needed.
    """
    usable = [m for m in marks if m.evaluation.ok]
    if len(usable) < MIN_MARKS_TO_CALIBRATE:
        refused = len(marks) - len(usable)
        raise TooFewMarks(f"a calibration needs at least {MIN_MARKS_TO_CALIBRATE} mentor marks of scored answers; "
                          f"there are {len(usable)}" + (f" ({refused} more were not scored)" if refused else "")
                          + f": mark {MIN_MARKS_TO_CALIBRATE - len(usable)} more")
    questions = {q.id: q for q in rubric.questions}
    x = np.array([evaluation_features(m.evaluation, questions[m.question_id]) for m in usable])
    maxima = np.array([questions[m.question_id].marks for m in usable])
    mentor = np.array([m.marks for m in usable])
    y = np.clip(mentor / maxima, 0.0, 1.0)
    predicted = np.array([round_half(s * mx) for s, mx in
                          zip(out_of_fold(x, y, [m.question_id for m in usable], folds=folds,
                                          names=EVALUATION_FEATURES), maxima)])
    counts: dict[str, int] = {}
    for m in usable:
        counts[m.source] = counts.get(m.source, 0) + 1
    calibration = RubricCalibration(rubric.id, rubric.version, MonotoneModel.fit(x, y, names=EVALUATION_FEATURES),
                                    datetime.now(UTC).isoformat(timespec="seconds"), tuple(counts.items()), fitted_by)
    before = agreement([m.evaluation.marks for m in usable], mentor)
    return CalibrationFit(calibration, before, agreement(predicted, mentor), tuple(float(p) for p in predicted))


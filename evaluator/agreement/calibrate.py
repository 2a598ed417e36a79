"""Calibrating a rubric against mentor marks: agreement overall and per key point, and fitting its settings.

A mentor marks a few answers by hand (``question_id, answer|file, marks``). This module
scores them with the rubric and reports how well the evaluator agrees: the agreement
statistics of :mod:`evaluator.agreement.metrics`, per key point how its score follows the mentor's
marks, and the answers with the largest disagreement and why.

:func:`fit_settings` searches a small grid of rubric-level settings (coordinate search)
and judges the search by K-fold cross-validation: settings are chosen on the training
folds only and scored on the held-out fold, so the reported "after" agreement is what the
tuned rubric can be expected to reach on answers it has not seen. Folds are grouped by
question when there are at least three questions (a question's answers never tune their
own predictions).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import ValidationError

from evaluator.agreement.metrics import Agreement, agreement, pearson, too_few_for_correlation
from evaluator.core.results import Evaluation
from evaluator.core.settings import ScoringSettings
from evaluator.core.vector_cache import keeping_answers
from evaluator.io.files import read_regular
from evaluator.io.ingest import IngestError, decode_text, read_answer_file
from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits
from evaluator.io.tables import CsvError, read_csv_text
from evaluator.rubrics.model import Question, Rubric

Objective = Literal["mae", "qwk", "pearson"]
QUESTION_COLUMNS = ("question_id", "question")
MARKS_COLUMNS = ("marks", "mark", "score")
TEXT_COLUMNS = ("answer", "text")
FILE_COLUMNS = ("file", "path")
MIN_ANSWERS_TO_FIT = 6
DEFAULT_FOLDS = 5
SEARCH_ROUNDS = 2  # passes of coordinate search over the grid
# A small grid around the defaults: each setting changes how marks are computed, none changes which
# answers are refused. covered_threshold is not here: it sets a point's status, never its marks.
DEFAULT_GRID: dict[str, tuple[float, ...]] = {
    "keyword_weight": (0.4, 0.6, 0.8),
    "semantic_full": (0.6, 0.65, 0.7),
    "structure_share": (0.15, 0.25, 0.35),
    "top_share": (0.6, 0.7, 0.8),
}


class CalibrationError(ValueError):
    """Marked answers that cannot be used, naming the file, line and column."""


@dataclass(frozen=True)
class MarkedAnswer:
    """An answer with the marks a mentor gave it."""

    key: str  # the file name, or "<csv> row <n>" for answers written in the CSV
    question_id: str
    text: str
    marks: float


# --- reading marked answers ---


def answer_files_named(text: str) -> list[str]:
    """The answer files a marks CSV names in its ``file`` column, each once, in order; ``[]`` without that column.

    Never raises: what is wrong with a CSV is for :func:`parse_marks_csv` to say. The rubric page
    uses this to ask for the answer files still to upload before it reads the marks.

    >>> answer_files_named("file,question_id,marks\\nq1.txt,Q1,6\\nq2.txt,Q1,3\\n q1.txt ,Q2,1\\n,Q2,0\\n")
    ['q1.txt', 'q2.txt']
    """
    try:
        table = read_csv_text(text)
    except CsvError:
        return []
    file_col = table.column(*FILE_COLUMNS)
    if file_col is None:
        return []
    return list(dict.fromkeys(name for row in table.rows if (name := row[file_col].strip())))


def parse_marks_csv(text: str, *, source: str = "<csv>",
                    read_file: Callable[[str], str] | None = None) -> list[MarkedAnswer]:
    """Rows of a marks CSV: ``question_id``, ``marks`` and either ``answer`` (the text) or ``file``.

    Args:
        text: the CSV text (header row first; extra columns are ignored).
        source: name for error messages.
        read_file: returns the text of a ``file`` cell (the CLI reads it relative to the CSV).

    Raises:
        CalibrationError: a missing column, a bad mark or an unreadable file, naming the line.

    >>> rows = parse_marks_csv("question_id,answer,marks\\nQ1,India and the US signed a roadmap.,6\\n")
    >>> [(r.key, r.question_id, r.marks) for r in rows]
    [('<csv> row 2', 'Q1', 6.0)]
    """
    try:
        table = read_csv_text(text, source=source)
    except CsvError as exc:
        raise CalibrationError(str(exc)) from None
    question_col = table.column(*QUESTION_COLUMNS)
    marks_col = table.column(*MARKS_COLUMNS)
    text_col = table.column(*TEXT_COLUMNS)
    file_col = table.column(*FILE_COLUMNS)
    missing = [name for name, col in (("question_id", question_col), ("marks", marks_col)) if col is None]
    if text_col is None and file_col is None:
        missing.append("answer or file")
    if missing:
        found = ", ".join(table.header) or "nothing"
        raise CalibrationError(f"{source}:1: missing column(s) {', '.join(missing)} (found: {found}); "
                               "expected question_id, marks and answer (the text) or file (a path)")
    rows: list[MarkedAnswer] = []
    for row in table.rows:
        question, raw_marks = row[question_col].strip(), row[marks_col].strip()
        if not question and not raw_marks:
            continue  # a blank line
        where = f"{source}:{row.line}"
        try:
            marks = float(raw_marks)
        except ValueError:
            raise CalibrationError(f"{where}: marks must be a number (got {raw_marks!r})") from None
        if not math.isfinite(marks) or marks < 0:
            raise CalibrationError(f"{where}: marks must be 0 or more (got {raw_marks!r})")
        if not question:
            raise CalibrationError(f"{where}: question_id is empty")
        name = row[file_col].strip() if file_col else ""
        if name:
            if read_file is None:
                raise CalibrationError(f"{where}: answers given as files ({name!r}) cannot be read here; "
                                       "put the text in an 'answer' column")
            try:
                answer = read_file(name)
            except (OSError, ValueError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                raise CalibrationError(f"{where}: cannot read answer file {name!r}: {reason}") from None
            key = name
        else:
            answer = row[text_col] if text_col else ""
            key = f"{source} row {row.number}"
        rows.append(MarkedAnswer(key, question, answer, marks))
    if not rows:
        raise CalibrationError(f"{source}: no marked answers")
    return rows


def read_marks_csv(path: str | Path, *, limits: SourceLimits = DEFAULT_LIMITS) -> list[MarkedAnswer]:
    """Marked answers from a CSV file; ``file`` cells are answer files (.txt, .md, .docx, .pdf, or photos and scans,
    read by OCR) relative to the CSV."""
    path = Path(path)
    try:
        text = decode_text(str(path), read_regular(path, limits.max_archive_bytes))
    except OSError as exc:
        raise CalibrationError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except IngestError as exc:
        raise CalibrationError(str(exc)) from None
    return parse_marks_csv(text, source=str(path),
                           read_file=lambda name: read_answer_file(inside(path.parent, name), limits=limits).text)


def inside(folder: Path, name: str) -> Path:
    """The file ``name`` names under ``folder``; a mark sheet may not reach out of its folder.

    Raises:
        ValueError: an absolute path, a ``..`` or a link that leads out of ``folder``.

    >>> inside(Path("marks"), "../secret.txt")
    Traceback (most recent call last):
    ...
    ValueError: outside the CSV's folder: answer files must be in it or below it
    """
    base = folder.resolve()
    path = base / name
    if Path(name).is_absolute() or not path.resolve().is_relative_to(base):
        raise ValueError("outside the CSV's folder: answer files must be in it or below it")
    return path


def check_against(items: Sequence[MarkedAnswer], rubric: Rubric) -> None:
    """Every answer's question exists in the rubric and no mark exceeds the question's marks."""
    for item in items:
        try:
            question = rubric.question(item.question_id)
        except KeyError as exc:
            raise CalibrationError(f"{item.key}: {exc.args[0]}") from None
        if item.marks > question.marks:
            raise CalibrationError(f"{item.key}: mentor marks {item.marks:g} exceed the question's "
                                   f"{question.marks:g} marks")


# --- scoring and reporting ---


def settings_for(question: Question, update: Mapping[str, Any] | None = None) -> ScoringSettings:
    """The question's settings with ``update`` applied and validated (``ValidationError`` if inconsistent)."""
    if not update:
        return question.settings
    return ScoringSettings.model_validate({**question.settings.model_dump(), **update})


def score_marked(items: Sequence[MarkedAnswer], rubric: Rubric, *, update: Mapping[str, Any] | None = None,
                 progress: Callable[[Iterable], Iterable] = iter) -> list[Evaluation]:
    """Evaluate every marked answer with the rubric (settings optionally changed by ``update``)."""
    from evaluator.core.scoring import evaluate  # here: the command's parser is built without spaCy

    evaluations = []
    for item in progress(items):
        question = rubric.question(item.question_id)
        evaluations.append(evaluate(item.text, question, settings=settings_for(question, update), rubric=rubric))
    return evaluations


@dataclass(frozen=True)
class PointAgreement:
    """How one key point's score follows the mentor's marks on its question's answers.

    Attributes:
        correlation: Pearson correlation of the point's score with the mentor's marks (0 when either is constant;
            chance below ``MIN_CORRELATION_N`` answers: see ``correlation_note``).
        covered_high: share of the better-marked half of the answers (mentor share at or above the
            question's median) in which the point is covered.
        covered_low: the same for the lower-marked half. A useful point is covered far more often
            in good answers than in weak ones.
    """

    question_id: str
    point_id: str
    n: int
    correlation: float
    covered_high: float
    covered_low: float

    @property
    def separation(self) -> float:
        return self.covered_high - self.covered_low

    @property
    def correlation_note(self) -> str | None:
        """Why the correlation means nothing (too few answers to the question), or ``None``."""
        return too_few_for_correlation(self.n)


@dataclass(frozen=True)
class Disagreement:
    """An answer the evaluator marked far from the mentor, with what it matched and missed."""

    key: str
    question_id: str
    mentor: float
    evaluator: float
    matched: tuple[str, ...]
    partial: tuple[str, ...]
    missed: tuple[str, ...]
    flags: tuple[str, ...]

    @property
    def difference(self) -> float:
        return self.evaluator - self.mentor


@dataclass(frozen=True)
class CalibrationReport:
    """Agreement of a rubric with mentor marks: overall, per question, per key point, worst answers."""

    rubric_id: str
    rubric_version: int
    overall: Agreement
    per_question: dict[str, Agreement]
    points: tuple[PointAgreement, ...]
    disagreements: tuple[Disagreement, ...]
    predicted: tuple[float, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rubric_id": self.rubric_id,
            "rubric_version": self.rubric_version,
            "overall": self.overall.to_dict(),
            "per_question": {q: a.to_dict() for q, a in self.per_question.items()},
            "points": [{**asdict(p), "separation": round(p.separation, 4)} for p in self.points],
            "disagreements": [{**asdict(d), "difference": d.difference} for d in self.disagreements],
        }


def calibration_report(items: Sequence[MarkedAnswer], evaluations: Sequence[Evaluation], rubric: Rubric,
                       *, top: int = 5) -> CalibrationReport:
    """Agreement of evaluations with the mentor marks, per question and per key point, and the worst ``top``.

    Args:
        items: the marked answers.
        evaluations: their evaluations, in the same order (:func:`score_marked`).
        rubric: the rubric they were scored with (for its id, version and key points).
        top: how many of the largest disagreements to list.
    """
    if len(items) != len(evaluations):
        raise ValueError(f"{len(evaluations)} evaluations for {len(items)} marked answers")
    mentor = np.array([i.marks for i in items])
    predicted = np.array([e.marks for e in evaluations])
    per_question: dict[str, Agreement] = {}
    points: list[PointAgreement] = []
    for question in rubric.questions:
        idx = [k for k, item in enumerate(items) if item.question_id == question.id]
        if not idx:
            continue
        per_question[question.id] = agreement(predicted[idx], mentor[idx])
        shares = mentor[idx] / question.marks
        high = shares >= np.median(shares)
        for point in question.key_points:
            results = [_point(evaluations[k], point.id) for k in idx]
            scores = np.array([r.score if r else 0.0 for r in results])
            covered = np.array([bool(r and r.status == "covered") for r in results])
            points.append(PointAgreement(
                question_id=question.id,
                point_id=point.id,
                n=len(idx),
                correlation=pearson(scores, shares),
                covered_high=float(covered[high].mean()) if high.any() else 0.0,
                covered_low=float(covered[~high].mean()) if (~high).any() else 0.0,
            ))
    order = np.argsort(-np.abs(predicted - mentor), kind="stable")[:top]
    worst = tuple(_disagreement(items[k], evaluations[k], rubric.question(items[k].question_id)) for k in order)
    return CalibrationReport(rubric.id, rubric.version, agreement(predicted, mentor), per_question, tuple(points),
                             worst, tuple(float(x) for x in predicted))


def _point(evaluation: Evaluation, point_id: str):  # noqa: ANN202 - PointResult | None
    return next((p for p in evaluation.points if p.id == point_id), None)


def _disagreement(item: MarkedAnswer, evaluation: Evaluation, question: Question) -> Disagreement:
    by_status = {s: tuple(p.id for p in evaluation.points if p.status == s) for s in ("covered", "partial", "missing")}
    return Disagreement(item.key, item.question_id, item.marks, evaluation.marks, by_status["covered"],
                        by_status["partial"], by_status["missing"], answer_flags(evaluation, question))


def answer_flags(evaluation: Evaluation, question: Question) -> tuple[str, ...]:
    """Why an answer's marks may be off: refusals, red flags and length, in words a mentor reads."""
    if not evaluation.ok:
        return (f"not scored ({evaluation.outcome})",)
    flags = []
    if evaluation.relevance < 1:
        flags.append(f"off-topic gate (relevance {evaluation.relevance:.0%})")
    structure = evaluation.structure
    if structure is not None:
        if structure.is_keyword_list:
            flags.append("reads as a keyword list")
        if structure.copies_question:
            flags.append("restates the question")
    if evaluation.word_count > question.tolerated_words:
        flags.append(f"over the word limit ({evaluation.word_count}/{question.word_limit} words)")
    elif evaluation.word_count < question.word_limit / 2:
        flags.append(f"short ({evaluation.word_count}/{question.word_limit} words)")
    return tuple(flags)


# --- fitting settings ---


Update = dict[str, float]


@dataclass(frozen=True)
class FitResult:
    """Settings chosen on all answers, and the cross-validated agreement before and after.

    Attributes:
        settings: the chosen values (on all answers), to write into the rubric's ``scoring:``.
        start: the rubric's values of the same settings.
        before: agreement of the rubric as it is (nothing fitted, so this is already out-of-sample).
        after_cv: agreement of out-of-fold predictions: each fold scored with settings chosen without it.
        after_fit: agreement on all answers with ``settings`` (optimistic: the same answers chose them).
        fold_settings: the settings chosen in each fold (they differ when the choice is fragile).
    """

    settings: Update
    start: Update
    before: Agreement
    after_cv: Agreement
    after_fit: Agreement
    folds: int
    grouped: bool
    objective: Objective
    fold_settings: tuple[Update, ...] = field(default=())

    @property
    def improves(self) -> bool:
        """True when the cross-validated agreement beats the rubric as it is (on the objective)."""
        return agreement_loss(self.after_cv, self.objective) < agreement_loss(self.before, self.objective) - 1e-9

    @property
    def recommended(self) -> Update:
        """The fitted settings if they generalise (:attr:`improves`), else the rubric's own."""
        return self.settings if self.improves else self.start

    @property
    def changed(self) -> Update:
        return {k: v for k, v in self.settings.items() if self.start.get(k) != v}

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": self.settings, "start": self.start, "changed": self.changed,
            "improves": self.improves, "recommended": self.recommended,
            "before": self.before.to_dict(), "after_cv": self.after_cv.to_dict(), "after_fit": self.after_fit.to_dict(),
            "folds": self.folds, "grouped_by_question": self.grouped, "objective": self.objective,
            "fold_settings": list(self.fold_settings),
        }


class PredictionCache:
    """Predicted marks of each answer under each settings update, computed once on first use.

    The search asks for the same (settings, answer) pairs again and again across folds and
    rounds; each is evaluated once.
    """

    def __init__(self, items: Sequence[MarkedAnswer], rubric: Rubric, *, semantic: bool = True) -> None:
        self.items, self.rubric, self.semantic = list(items), rubric, semantic
        self._marks: dict[tuple[tuple[tuple[str, float], ...], int], float] = {}
        self.evaluations = 0

    def __call__(self, update: Mapping[str, float], indices: Sequence[int]) -> np.ndarray:
        """Predicted marks of the answers at ``indices``; ``ValidationError`` if the settings are inconsistent."""
        from evaluator.core.scoring import evaluate

        key = tuple(sorted(update.items()))
        out = np.empty(len(indices))
        for n, k in enumerate(indices):
            if (key, k) not in self._marks:
                item = self.items[k]
                question = self.rubric.question(item.question_id)
                settings = settings_for(question, {**update, **({} if self.semantic else {"semantic": False})})
                self._marks[key, k] = evaluate(item.text, question, settings=settings, rubric=self.rubric).marks
                self.evaluations += 1
            out[n] = self._marks[key, k]
        return out


def objective_loss(predicted: np.ndarray, human: np.ndarray, objective: Objective) -> float:
    """Lower is better: MAE, or minus QWK / Pearson."""
    return agreement_loss(agreement(predicted, human), objective)


def agreement_loss(a: Agreement, objective: Objective) -> float:
    return {"mae": a.mae, "qwk": -a.qwk, "pearson": -a.pearson}[objective]


def choose_settings(predict: Callable[[Mapping[str, float], Sequence[int]], np.ndarray], human: Sequence[float],
                    indices: Sequence[int], grid: Mapping[str, Sequence[float]], *, start: Mapping[str, float],
                    objective: Objective = "mae", rounds: int = SEARCH_ROUNDS) -> Update:
    """Coordinate search over ``grid`` judged only on the answers at ``indices``.

    Only ``human[indices]`` and predictions for ``indices`` are read, so marks outside the
    training fold cannot influence the choice. A value replaces the current one only if it
    is strictly better: ties keep the rubric's own settings.
    """
    indices = list(indices)
    target = np.asarray(human, dtype=float)[indices]

    def loss(update: Mapping[str, float]) -> float:
        try:
            return objective_loss(predict(update, indices), target, objective)
        except ValidationError:
            return math.inf  # e.g. semantic_full below semantic_floor

    current: Update = dict(start)
    best = loss(current)
    for _ in range(rounds):
        improved = False
        for name, values in grid.items():
            for value in values:
                if value == current.get(name):
                    continue
                candidate = {**current, name: value}
                candidate_loss = loss(candidate)
                if candidate_loss < best - 1e-9:
                    current, best, improved = candidate, candidate_loss, True
        if not improved:
            break
    return current


Split = tuple[np.ndarray, np.ndarray]  # (train indices, test indices)


def cv_splits(items: Sequence[MarkedAnswer], folds: int = DEFAULT_FOLDS) -> tuple[list[Split], bool]:
    """Train/test index pairs: grouped by question when there are three or more questions, else shuffled K-fold."""
    n = len(items)
    if n < MIN_ANSWERS_TO_FIT:
        raise CalibrationError(f"fitting needs at least {MIN_ANSWERS_TO_FIT} marked answers (got {n})")
    from sklearn.model_selection import GroupKFold, KFold  # here: `calibrate --help` starts without scikit-learn

    groups = np.array([i.question_id for i in items])
    x = np.zeros((n, 1))
    if len(set(groups)) >= 3:
        splitter = GroupKFold(n_splits=min(folds, len(set(groups))))
        return list(splitter.split(x, groups=groups)), True
    return list(KFold(n_splits=min(folds, n), shuffle=True, random_state=0).split(x)), False


def fit_settings(items: Sequence[MarkedAnswer], rubric: Rubric, *,
                 grid: Mapping[str, Sequence[float]] = DEFAULT_GRID, folds: int = DEFAULT_FOLDS,
                 objective: Objective = "mae", semantic: bool = True,
                 predict: PredictionCache | None = None) -> FitResult:
    """Choose rubric-level settings that agree best with the mentor, judged by cross-validation.

    Args:
        items: the marked answers (at least :data:`MIN_ANSWERS_TO_FIT`).
        rubric: the rubric to tune; the search starts from its own ``scoring:`` values.
        grid: the values tried for each setting.
        folds: number of folds (fewer when there are fewer questions or answers).
        objective: what the search optimises: ``mae`` (marks close), ``qwk`` or ``pearson`` (order).
        semantic: use sentence embeddings (off: keyword matching only, much faster).
        predict: a :class:`PredictionCache` to reuse (tests pass one to count evaluations).

    Returns:
        A :class:`FitResult` with the settings chosen on all answers and before/after agreement.
    """
    check_against(items, rubric)
    splits, grouped = cv_splits(items, folds)
    predict = predict or PredictionCache(items, rubric, semantic=semantic)
    with keeping_answers(len(items)):  # each answer is scored under many settings: encoded once
        human = np.array([i.marks for i in items])
        start = {name: float(getattr(rubric.scoring, name)) for name in grid}
        everything = list(range(len(items)))
        before = agreement(predict(start, everything), human)
        # 1. out-of-fold predictions: each fold is predicted with settings chosen on the other folds only
        out_of_fold = np.empty(len(items))
        chosen_per_fold = []
        for train, test in splits:
            chosen = choose_settings(predict, human, train, grid, start=start, objective=objective)
            out_of_fold[test] = predict(chosen, list(test))
            chosen_per_fold.append(chosen)
        # 2. the settings to keep are chosen on all the answers
        final = choose_settings(predict, human, everything, grid, start=start, objective=objective)
        after_fit = agreement(predict(final, everything), human)
    return FitResult(final, start, before, agreement(out_of_fold, human), after_fit, len(splits), grouped, objective,
                     tuple(chosen_per_fold))

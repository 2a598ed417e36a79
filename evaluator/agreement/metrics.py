"""Agreement between predicted and human marks: Pearson, Spearman, RMSE, QWK, MAE, share within a tolerance;
and for correct / not-correct labels, accuracy, macro-F1 and AUC at a chosen threshold.

Thin wrappers over SciPy and scikit-learn so that every report (ASAG benchmark,
mentor calibration, the rubric page) computes them the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

QWK_STEP = 0.5  # marks are compared on a half-mark grid for the weighted kappa
MIN_CORRELATION_N = 5  # below this, a correlation is chance (two answers always lie on a line: +-1)


def too_few_for_correlation(n: int) -> str | None:
    """What to show instead of a correlation over ``n`` marked answers, or ``None`` when there are enough.

    >>> too_few_for_correlation(2)
    'too few marked answers (n=2) for a correlation'
    >>> too_few_for_correlation(5) is None
    True
    """
    return f"too few marked answers (n={n}) for a correlation" if n < MIN_CORRELATION_N else None


@dataclass(frozen=True)
class Agreement:
    n: int
    pearson: float
    spearman: float
    rmse: float
    qwk: float
    mae: float
    within_one: float  # share of answers whose predicted marks are within 1 mark of the human marks

    @property
    def correlation_note(self) -> str | None:
        """Why Pearson, Spearman and QWK mean nothing here (too few answers), or ``None``."""
        return too_few_for_correlation(self.n)

    def to_dict(self) -> dict[str, float]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}

    def __str__(self) -> str:
        return (f"n={self.n} pearson={self.pearson:.3f} spearman={self.spearman:.3f} rmse={self.rmse:.3f} "
                f"qwk={self.qwk:.3f} mae={self.mae:.3f} within_1={self.within_one:.1%}")


def _correlation(fn, pred: np.ndarray, gold: np.ndarray) -> float:  # noqa: ANN001 - scipy statistic
    # a constant series has no correlation; report 0 rather than NaN
    if len(pred) < 2 or np.ptp(pred) == 0 or np.ptp(gold) == 0:
        return 0.0
    return float(fn(pred, gold)[0])


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation, 0 when either series is constant (or shorter than 2).

    >>> pearson([1, 2, 3], [2, 4, 7]) > 0.99, pearson([1, 1], [1, 2])
    (True, 0.0)
    """
    from scipy.stats import pearsonr

    return _correlation(pearsonr, np.asarray(x, dtype=float), np.asarray(y, dtype=float))


def agreement(predicted: Sequence[float], human: Sequence[float]) -> Agreement:
    """Agreement statistics of predicted against human marks (same scale).

    >>> a = agreement([1, 2, 3, 4], [1, 2, 3, 5])
    >>> round(a.pearson, 3), a.mae, a.within_one
    (0.983, 0.25, 1.0)
    """
    from scipy.stats import pearsonr, spearmanr  # here, not at the top: commands that do not measure start faster
    from sklearn.metrics import cohen_kappa_score, mean_absolute_error, mean_squared_error
    pred, gold = np.asarray(predicted, dtype=float), np.asarray(human, dtype=float)
    if pred.shape != gold.shape:
        raise ValueError(f"{len(pred)} predictions for {len(gold)} human marks")
    if len(pred) == 0:
        return Agreement(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    grid = lambda x: np.rint(x / QWK_STEP).astype(int)  # noqa: E731
    labels = np.unique(np.concatenate([grid(pred), grid(gold)]))
    # one mark everywhere has no kappa (scikit-learn warns and gives NaN): 0, as before, without the warnings
    qwk = float(cohen_kappa_score(grid(pred), grid(gold), weights="quadratic", labels=labels)) \
        if len(labels) > 1 else math.nan
    return Agreement(
        n=len(pred),
        pearson=_correlation(pearsonr, pred, gold),
        spearman=_correlation(spearmanr, pred, gold),
        rmse=math.sqrt(mean_squared_error(gold, pred)),
        qwk=0.0 if math.isnan(qwk) else qwk,
        mae=float(mean_absolute_error(gold, pred)),
        within_one=float(np.mean(np.abs(pred - gold) <= 1.0)),
    )


@dataclass(frozen=True)
class BinaryAgreement:
    """Agreement with correct / not-correct labels: predicted shares thresholded at ``threshold``."""

    n: int
    accuracy: float
    macro_f1: float
    auc: float  # of the predicted shares themselves, before any threshold
    threshold: float

    def to_dict(self) -> dict[str, float]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}

    def __str__(self) -> str:
        return (f"n={self.n} accuracy={self.accuracy:.3f} macro_f1={self.macro_f1:.3f} auc={self.auc:.3f} "
                f"threshold={self.threshold:.3f}")


def is_binary(human: Sequence[float], maxima: Sequence[float]) -> bool:
    """True when every human mark is 0 or 1 out of 1: correct / not correct labels.

    >>> is_binary([0, 1, 1], [1, 1, 1]), is_binary([0, 0.5], [1, 1]), is_binary([0, 1], [5, 5])
    (True, False, False)
    """
    return bool(len(human)) and all(m == 1 for m in maxima) and all(h in (0, 1) for h in human)


def choose_threshold(predicted: Sequence[float], labels: Sequence[float]) -> float:
    """The cut between predicted shares that gives the best macro-F1 on these labels (midway between two
    neighbouring predictions, so it does not sit on one; 0.5 when the labels are all one class).

    >>> choose_threshold([0.1, 0.2, 0.7, 0.9], [0, 0, 1, 1])
    0.45
    """
    from sklearn.metrics import f1_score

    pred, gold = np.asarray(predicted, dtype=float), np.asarray(labels, dtype=int)
    values = np.unique(pred)
    if len(set(gold.tolist())) < 2 or len(values) < 2:
        return 0.5
    candidates = (values[:-1] + values[1:]) / 2
    scores = [f1_score(gold, (pred >= t).astype(int), average="macro", zero_division=0) for t in candidates]
    return round(float(candidates[int(np.argmax(scores))]), 6)


def binary_agreement(predicted: Sequence[float], labels: Sequence[float], threshold: float) -> BinaryAgreement:
    """Accuracy and macro-F1 of ``predicted >= threshold`` against the labels, and the AUC of the shares.

    >>> a = binary_agreement([0.1, 0.4, 0.6, 0.9], [0, 1, 1, 1], 0.5)
    >>> a.accuracy, round(a.macro_f1, 3), a.auc
    (0.75, 0.733, 1.0)
    """
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    pred, gold = np.asarray(predicted, dtype=float), np.asarray(labels, dtype=int)
    if len(pred) == 0:
        return BinaryAgreement(0, 0.0, 0.0, 0.0, threshold)
    decided = (pred >= threshold).astype(int)
    auc = float(roc_auc_score(gold, pred)) if len(set(gold.tolist())) == 2 else 0.0
    return BinaryAgreement(len(pred), float(accuracy_score(gold, decided)),
                           float(f1_score(gold, decided, average="macro", zero_division=0)), auc, threshold)

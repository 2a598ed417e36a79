"""Agreement between predicted and human marks: Pearson, Spearman, RMSE, QWK, MAE, share within a tolerance.

Thin wrappers over SciPy and scikit-learn so that every report (ASAG benchmark,
mentor calibration, the rubric page) computes them the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import cohen_kappa_score, mean_absolute_error, mean_squared_error

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
    return _correlation(pearsonr, np.asarray(x, dtype=float), np.asarray(y, dtype=float))


def agreement(predicted: Sequence[float], human: Sequence[float]) -> Agreement:
    """Agreement statistics of predicted against human marks (same scale).

    >>> a = agreement([1, 2, 3, 4], [1, 2, 3, 5])
    >>> round(a.pearson, 3), a.mae, a.within_one
    (0.983, 0.25, 1.0)
    """
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

"""Specification of the agreement statistics every report uses (ASAG benchmark, calibration, rubric page)."""

from __future__ import annotations

import math

import pytest

from evaluator.agreement.metrics import agreement


def test_perfect_agreement() -> None:
    a = agreement([1, 2, 3, 4.5], [1, 2, 3, 4.5])
    assert (a.n, a.rmse, a.mae, a.within_one) == (4, 0.0, 0.0, 1.0)
    assert (a.pearson, a.spearman, a.qwk) == pytest.approx((1.0, 1.0, 1.0))


def test_a_constant_offset_keeps_the_order_but_not_the_error() -> None:
    a = agreement([2, 3, 4, 5], [1, 2, 3, 4])
    assert a.pearson == pytest.approx(1.0) and a.spearman == pytest.approx(1.0)
    assert a.mae == 1.0 and a.rmse == 1.0 and a.within_one == 1.0
    assert a.qwk < 1.0


def test_reversed_order() -> None:
    a = agreement([4, 3, 2, 1], [1, 2, 3, 4])
    assert a.pearson == pytest.approx(-1.0) and a.spearman == pytest.approx(-1.0) and a.qwk < 0


@pytest.mark.parametrize(("predicted", "human"), [([3, 3, 3], [1, 2, 3]), ([1, 2, 3], [2, 2, 2]), ([5], [4])])
def test_no_correlation_is_reported_as_zero_not_nan(predicted, human) -> None:  # noqa: ANN001
    a = agreement(predicted, human)
    assert a.pearson == 0.0 and a.spearman == 0.0
    assert not any(math.isnan(v) for v in a.to_dict().values())


def test_empty_input_and_mismatched_lengths() -> None:
    assert agreement([], []).n == 0
    with pytest.raises(ValueError, match="3 predictions for 2 human marks"):
        agreement([1, 2, 3], [1, 2])


def test_within_one_counts_answers_at_most_one_mark_away() -> None:
    assert agreement([1, 2, 5, 7], [2, 2, 3, 7]).within_one == 0.75


def test_kappa_compares_marks_on_a_half_mark_grid() -> None:
    # 6.2 and 6.0 round to the same half mark; 6.3 rounds to 6.5
    assert agreement([6.2, 3.0, 8.0], [6.0, 3.0, 8.0]).qwk == 1.0
    assert agreement([6.3, 3.0, 8.0], [6.0, 3.0, 8.0]).qwk < 1.0


@pytest.mark.parametrize(("predicted", "human"), [([0.0], [0.0]), ([3.0, 3.0], [3.0, 3.0]), ([1.0, 1.0], [2.0, 3.0])])
def test_regression_one_mark_everywhere_gives_no_library_warnings(predicted: list[float], human: list[float]) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # was: scikit-learn's single-label and undefined-kappa warnings
        result = agreement(predicted, human)
    assert result.qwk == 0.0


@pytest.mark.parametrize(("n", "note"), [(1, "too few marked answers (n=1) for a correlation"),
                                         (2, "too few marked answers (n=2) for a correlation"), (5, None)])
def test_a_correlation_needs_five_answers(n: int, note: str | None) -> None:
    assert agreement(list(range(n)), list(range(n))).correlation_note == note

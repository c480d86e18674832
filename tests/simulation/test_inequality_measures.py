from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vip.simulation.inequality import equalization_gain_pct, gini, mean_log_deviation, measure


def test_the_books_two_person_example_is_slightly_less_than_24975_percent() -> None:
    # Equalizing $1,000,000 and $1,000 at $500,500: -49.95% and +49,950%, averaging 24,950.025%.
    # The book halves 50,000 - 50, its rounded "50,000 percent" and "nearly 50 percent": rounding
    # 49,950 to 50,000 and 49.95 to 50 errs by at most 50.05, so its figure is within 25.025.
    gain = equalization_gain_pct([1_000_000, 1_000])
    assert gain == pytest.approx(24_950.025, rel=1e-12)
    assert gain < 24_975
    assert gain == pytest.approx(24_975, abs=(50 + 0.05) / 2)


def test_equal_incomes_have_no_inequality() -> None:
    result = measure([30_000, 30_000, 30_000])
    assert result.equalization_gain_pct == pytest.approx(0)
    assert result.gini == pytest.approx(0)
    assert result.mean_log_deviation == pytest.approx(0)


def test_weights_count_like_repeated_people() -> None:
    assert gini([1, 2, 10], [2, 1, 3]) == pytest.approx(gini([1, 1, 2, 10, 10, 10]))


def test_gini_of_one_person_holding_everything_among_many_approaches_one() -> None:
    assert gini([1e-9] * 999 + [1.0]) == pytest.approx(1 - 1 / 1000, rel=1e-6)


incomes = st.lists(st.floats(min_value=1, max_value=1e7), min_size=2, max_size=40)


@given(incomes, st.data())
def test_mean_log_deviation_splits_exactly_into_between_and_within(
    values: list[float], data: st.DataObject
) -> None:
    groups = data.draw(st.lists(st.sampled_from("abc"), min_size=len(values), max_size=len(values)))
    result = measure(values, groups=groups)
    assert result.decomposition is not None
    total = result.decomposition.between + result.decomposition.within
    assert total == pytest.approx(mean_log_deviation(values), abs=1e-9)


@given(incomes)
def test_measures_do_not_depend_on_the_currency(values: list[float]) -> None:
    in_cents = [value * 100 for value in values]
    assert gini(in_cents) == pytest.approx(gini(values), abs=1e-9)
    assert equalization_gain_pct(in_cents) == pytest.approx(equalization_gain_pct(values), rel=1e-9)

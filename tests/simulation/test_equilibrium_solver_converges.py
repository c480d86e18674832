from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vip.simulation.equilibrium import MAX_ITERATIONS, BinnedQueue, largest_feasible


@given(st.floats(min_value=0, max_value=1e9), st.floats(min_value=1, max_value=1e9))
def test_bisection_finds_the_threshold_of_a_true_then_false_predicate(
    threshold: float, upper: float
) -> None:
    solution = largest_feasible(lambda m: m <= threshold, upper)
    assert solution.migrants == pytest.approx(min(threshold, upper), abs=1e-9 * upper)
    assert solution.migrants <= threshold or solution.migrants == upper
    assert solution.iterations < MAX_ITERATIONS


def test_a_queue_reads_prices_and_partial_sums_pro_rata() -> None:
    queue = BinnedQueue(
        count=np.array([2.0, 0.0, 2.0]),
        sums={"cost": np.array([2.0, 0.0, 10.0])},
        edges=np.array([0.0, 1.0, 2.0, 6.0]),
    )
    assert queue.upper_price(1) == 1.0
    assert queue.upper_price(3) == 6.0
    assert queue.sum_of_first("cost", 3) == pytest.approx(2.0 + 5.0)
    taken = queue.taken_per_bin(3)
    assert (taken[0], taken[2]) == (1.0, 0.5)  # the empty middle bin holds nobody to take

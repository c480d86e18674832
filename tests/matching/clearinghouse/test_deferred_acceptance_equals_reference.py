from __future__ import annotations

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench import oracles
from vip.bench.synthetic import random_preferences
from vip.matching.clearinghouse.instance import solve


@seed(4002)
@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 25), st.integers(0, 10), st.booleans())
def test_deferred_acceptance_equals_the_plain_python_reference_on_both_sides(
    market_seed: int, n_proposers: int, n_receivers: int, mutual: bool
) -> None:
    p = random_preferences(market_seed, n_proposers, n_receivers, 5, mutual=mutual)
    expected_by_proposers = oracles.proposer_optimal(p.proposers, p.receivers, p.capacity)
    expected_by_receivers = oracles.receiver_optimal(p.proposers, p.receivers, p.capacity)
    assert solve(p, "proposers")["matches"] == expected_by_proposers
    assert solve(p, "receivers")["matches"] == expected_by_receivers


def test_the_reference_matching_is_stable_and_respects_lists_and_capacities() -> None:
    for market_seed in range(40):
        p = random_preferences(market_seed, 12, 5, 4)
        for solver in (oracles.proposer_optimal, oracles.receiver_optimal):
            match = solver(p.proposers, p.receivers, p.capacity)
            assert oracles.seats_and_lists_respected(p.proposers, p.receivers, p.capacity, match)
            assert oracles.blocking_pairs(p.proposers, p.receivers, p.capacity, match) == []

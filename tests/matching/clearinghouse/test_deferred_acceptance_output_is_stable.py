from __future__ import annotations

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench.synthetic import random_preferences
from vip.matching.clearinghouse.deferred_acceptance import (
    Proposing,
    blocking_pairs,
    deferred_acceptance,
    is_feasible,
)
from vip.matching.clearinghouse.packed import Instance

sides = st.sampled_from(["proposers", "receivers"])


@seed(4001)
@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 30), st.integers(0, 12), st.booleans(), sides)
def test_deferred_acceptance_output_is_stable_and_respects_lists_and_capacities(
    market_seed: int, n_proposers: int, n_receivers: int, mutual: bool, proposing: Proposing
) -> None:
    preferences = random_preferences(market_seed, n_proposers, n_receivers, 6, mutual=mutual)
    market = Instance.pack(preferences).market
    match = deferred_acceptance(market, proposing).match
    assert is_feasible(market, match)
    assert blocking_pairs(market, match) == 0

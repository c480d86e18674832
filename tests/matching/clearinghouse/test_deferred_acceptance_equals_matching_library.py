from __future__ import annotations

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench.library import library_matching
from vip.bench.synthetic import random_preferences
from vip.matching.clearinghouse.instance import solve
from vip.matching.clearinghouse.sides import Proposing


@seed(4003)
@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(0, 25),
    st.integers(0, 10),
    st.booleans(),
    st.sampled_from(["proposers", "receivers"]),
)
def test_deferred_acceptance_equals_the_matching_library_hospital_resident(
    market_seed: int, n_proposers: int, n_receivers: int, mutual: bool, proposing: Proposing
) -> None:
    p = random_preferences(market_seed, n_proposers, n_receivers, 5, mutual=mutual)
    assert solve(p, proposing)["matches"] == library_matching(p, proposing)

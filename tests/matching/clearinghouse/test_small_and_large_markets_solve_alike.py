"""`vip match solve` solves small markets in plain Python and large ones with the numba kernels
(instance.PLAIN_BELOW): both paths give the same matching, and count its blocking pairs alike."""

from __future__ import annotations

import numpy as np
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench.synthetic import random_preferences
from vip.matching.clearinghouse import plain
from vip.matching.clearinghouse.deferred_acceptance import blocking_pairs
from vip.matching.clearinghouse.instance import Preferences, solve
from vip.matching.clearinghouse.packed import Instance
from vip.matching.clearinghouse.sides import Proposing

sides = st.sampled_from(["proposers", "receivers"])


@seed(4005)
@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(0, 40),
    st.integers(0, 15),
    st.integers(1, 8),
    st.booleans(),
    sides,
)
def test_the_plain_and_the_kernel_paths_give_the_same_stable_matching(
    market_seed: int,
    n_proposers: int,
    n_receivers: int,
    max_capacity: int,
    mutual: bool,
    proposing: Proposing,
) -> None:
    p = random_preferences(market_seed, n_proposers, n_receivers, 6, max_capacity, mutual=mutual)
    by_plain = solve(p, proposing, plain_below=10**9)
    by_kernels = solve(p, proposing, plain_below=0)
    assert by_plain == by_kernels
    assert by_plain["stable"] and by_plain["blocking_pairs"] == 0


@seed(4006)
@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 20), st.integers(1, 8), st.integers(0, 4), sides)
def test_the_plain_blocking_pairs_are_the_kernels_count_on_unstable_matchings(
    market_seed: int, n_proposers: int, n_receivers: int, cut: int, proposing: Proposing
) -> None:
    """A matching made with the proposers' lists cut short is feasible on the full lists but
    may be unstable there: both paths count the same blocking pairs."""
    full = random_preferences(market_seed, n_proposers, n_receivers, 5)
    short = Preferences(
        {pid: choices[:cut] for pid, choices in full.proposers.items()},
        full.receivers,
        full.capacity,
    )
    matches = plain.deferred_acceptance(short, proposing)
    instance = Instance.pack(full)
    row = {rid: i for i, rid in enumerate(instance.receiver_ids)}
    match = np.array([-1 if r is None else row[r] for r in matches.values()], np.int32)
    assert plain.blocking_pairs(full, matches) == blocking_pairs(instance.market, match)

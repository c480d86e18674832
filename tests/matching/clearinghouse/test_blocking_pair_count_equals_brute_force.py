from __future__ import annotations

import numpy as np
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench import oracles
from vip.bench.synthetic import random_preferences
from vip.matching.clearinghouse.deferred_acceptance import blocking_pairs
from vip.matching.clearinghouse.instance import Preferences
from vip.matching.clearinghouse.packed import Instance


def _random_feasible_matching(p: Preferences, rng: np.random.Generator) -> dict[str, str | None]:
    """Each proposer takes a random acceptable receiver that still has a seat, or none."""
    proposers, _ = oracles.acceptable_lists(p.proposers, p.receivers)
    seats = dict(p.capacity)
    match: dict[str, str | None] = dict.fromkeys(p.proposers)
    for pid, prefs in proposers.items():
        open_seats = [r for r in prefs if seats[r] > 0]
        if open_seats and rng.random() < 0.7:
            chosen = open_seats[int(rng.integers(len(open_seats)))]
            seats[chosen] -= 1
            match[pid] = chosen
    return match


@seed(4004)
@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 20), st.integers(0, 8), st.booleans())
def test_blocking_pair_count_equals_the_brute_force_count_on_any_feasible_matching(
    market_seed: int, n_proposers: int, n_receivers: int, mutual: bool
) -> None:
    p = random_preferences(market_seed, n_proposers, n_receivers, 5, mutual=mutual)
    match = _random_feasible_matching(p, np.random.default_rng(market_seed))
    instance = Instance.pack(p)
    rows = {rid: row for row, rid in enumerate(instance.receiver_ids)}
    match_rows = np.array([rows[r] if r else -1 for r in match.values()], np.int32)
    expected = oracles.blocking_pairs(p.proposers, p.receivers, p.capacity, match)
    assert blocking_pairs(instance.market, match_rows) == len(expected)

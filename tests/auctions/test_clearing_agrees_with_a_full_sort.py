"""The selection kernel against the full sort, on random bids with many ties."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vip.auctions.clearing import BidIds, Rule, clear, seeded_ties

from tests.auctions.reference import brute_force

amounts = st.lists(st.integers(min_value=0, max_value=12), min_size=0, max_size=60)


@settings(max_examples=400, deadline=None)
@given(
    values=amounts,
    quota=st.integers(min_value=1, max_value=70),
    reserve=st.integers(min_value=0, max_value=10),
    rule=st.sampled_from(Rule),
    seed=st.text(max_size=8),
)
def test_clearing_gives_the_full_sorts_price_winners_and_rejections(
    values: list[int], quota: int, reserve: int, rule: Rule, seed: str
) -> None:
    ids = [f"bid-{i}" for i in range(len(values))]
    expected = brute_force(list(zip(ids, values, strict=True)), quota, reserve, rule, seed)
    result = clear(
        np.array(values, dtype=np.int64),
        quota,
        reserve,
        rule,
        ties=seeded_ties(seed, BidIds.of(ids)),
    )
    assert result.price == expected.price
    assert [ids[i] for i in result.winners] == expected.winners
    assert result.rejected_below_reserve == expected.rejected_below_reserve


@settings(max_examples=8, deadline=None)
@given(
    quota=st.integers(min_value=1, max_value=3000),
    reserve=st.integers(min_value=0, max_value=900),
    rule=st.sampled_from(Rule),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_clearing_a_large_auction_agrees_with_the_full_sort(
    quota: int, reserve: int, rule: Rule, seed: int
) -> None:
    """Large enough that the sampled threshold, not the reserve, decides what is gathered."""
    values = np.random.default_rng(seed).integers(0, 1000, size=150_000)
    ids = [f"b{i}" for i in range(values.size)]
    expected = brute_force(list(zip(ids, values.tolist(), strict=True)), quota, reserve, rule, "s")
    result = clear(values, quota, reserve, rule, ties=seeded_ties("s", BidIds.of(ids)))
    assert result.price == expected.price
    assert [ids[i] for i in result.winners] == expected.winners
    assert result.rejected_below_reserve == expected.rejected_below_reserve

"""The simulator's use of the kernel (amounts carrying whole numbers of people) and the
platform's (one bid each) agree: the same price, as many admitted, the same bins winning."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vip.auctions.clearing import Rule, clear


@given(
    bins=st.dictionaries(
        st.integers(1, 60), st.integers(1, 5), min_size=1, max_size=12
    ),  # amount -> people bidding it
    quota=st.integers(1, 40),
    reserve=st.integers(0, 40),
    rule=st.sampled_from(list(Rule)),
)
@settings(max_examples=300, deadline=None)
def test_people_in_bins_clear_as_the_same_people_bidding_one_by_one(
    bins: dict[int, int], quota: int, reserve: int, rule: Rule
) -> None:
    amounts = np.array(list(bins), dtype=np.int64)
    counts = np.array(list(bins.values()), dtype=np.float64)
    singles = np.repeat(amounts, counts.astype(np.int64))
    binned = clear(amounts.astype(np.float64), quota, reserve, rule, counts=counts)
    one_by_one = clear(singles, quota, reserve, rule)
    assert binned.price == one_by_one.price
    assert binned.admitted == one_by_one.winners.size
    assert binned.rejected_below_reserve == one_by_one.rejected_below_reserve
    # The bins that win someone a seat are the amounts of the single bids that win.
    assert set(amounts[binned.winners].tolist()) == set(singles[one_by_one.winners].tolist())

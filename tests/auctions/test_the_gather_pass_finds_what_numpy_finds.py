"""The one pass over the bids (kernels.gather_at_or_above) finds the indices at or above the
threshold, in order, and counts those below the reserve, as numpy says; with the room for
indices too small too (then it says how many it would need, for the retry)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vip.auctions.kernels import gather_at_or_above


@given(
    amounts=st.lists(st.integers(0, 20), max_size=300),
    reserve=st.integers(0, 10),
    above=st.integers(0, 12),
    room=st.integers(0, 300),
)
@settings(max_examples=400, deadline=None)
def test_the_gather_pass_finds_the_bids_at_or_above_and_counts_those_below(
    amounts: list[int], reserve: int, above: int, room: int
) -> None:
    values = np.array(amounts, dtype=np.int64)
    threshold = reserve + above
    out = np.full(room, -1, dtype=np.intp)
    found, below = gather_at_or_above(values, threshold, reserve, out)
    expected = np.flatnonzero(values >= threshold)
    assert (found, below) == (expected.size, int((values < reserve).sum()))
    kept = min(found, room)
    assert out[:kept].tolist() == expected[:kept].tolist()

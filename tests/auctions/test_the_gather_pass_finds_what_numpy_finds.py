"""The one pass over the bids (kernels.gather_at_or_above) finds the indices at or above the
threshold, in order, and counts those below the reserve, as numpy says; with the room for
indices too small too (then it says how many it would need, for the retry). The pass reads the
amounts in blocks, so arrays of several blocks and a partial last one are checked too."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from vip.auctions.kernels import BLOCK, gather_at_or_above


def _gathers_as_numpy_does(values: NDArray[np.int64], reserve: int, above: int, room: int) -> None:
    threshold = reserve + above
    out = np.full(room, -1, dtype=np.intp)
    found, below = gather_at_or_above(values, threshold, reserve, out)
    expected = np.flatnonzero(values >= threshold)
    assert (found, below) == (expected.size, int((values < reserve).sum()))
    kept = min(found, room)
    assert out[:kept].tolist() == expected[:kept].tolist()
    assert (out[kept:] == -1).all()


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
    _gathers_as_numpy_does(np.array(amounts, dtype=np.int64), reserve, above, room)


@given(
    size=st.integers(0, 6 * BLOCK + 1),
    seed=st.integers(0, 2**32 - 1),
    reserve=st.integers(0, 10),
    above=st.integers(0, 12),
    room=st.integers(0, 6 * BLOCK + 1),
)
@settings(max_examples=400, deadline=None)
def test_the_gather_pass_agrees_across_blocks_and_a_partial_last_one(
    size: int, seed: int, reserve: int, above: int, room: int
) -> None:
    values = np.random.default_rng(seed).integers(0, 21, size).astype(np.int64)
    _gathers_as_numpy_does(values, reserve, above, room)

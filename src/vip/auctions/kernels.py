"""The one pass over the bids (numba): who may be near the cut-off, and who is below the reserve.

Clearing needs only the bids at or above the (quota + 1)-th highest valid bid. A threshold from a
sample says which bids those probably are; this kernel reads every amount once, counts the bids
below the reserve and gathers the indices of those at or above the threshold, so that only a
few more than the quota are ever ordered.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

Indices = NDArray[np.intp]

# The amounts are read in blocks: a loop without branches (vectorised) counts a block's bids
# below the reserve and at or above the threshold, and only a block holding one of the latter
# is read again, from L1, to gather them. A branch per bid cost twice a numpy sum at 10M bids;
# 64 measured best: smaller blocks vectorise worse, larger ones are read again too often at a
# quota of 1% of the bids.
BLOCK = 64


@numba.njit(cache=True, nogil=True, inline="always")
def _gather_block(
    amounts: NDArray[np.int64],
    start: int,
    stop: int,
    threshold: int,
    reserve: int,
    out: Indices,
    found: int,
) -> tuple[int, int]:
    """gather_at_or_above over amounts[start:stop], the first index going to out[found]."""
    below = 0
    hits = 0
    for i in range(start, stop):
        amount = amounts[i]
        below += amount < reserve
        hits += amount >= threshold
    if hits:
        for i in range(start, stop):
            if amounts[i] >= threshold:
                if found < out.size:
                    out[found] = i
                found += 1
    return found, below


@numba.njit(cache=True, nogil=True)
def gather_at_or_above(
    amounts: NDArray[np.int64], threshold: int, reserve: int, out: Indices
) -> tuple[int, int]:
    """Write into out the indices of amounts >= threshold (threshold >= reserve), as many as fit;
    return how many there are in all (more than out.size: the caller retries with a larger out)
    and how many amounts lie below the reserve."""
    found = 0
    below = 0
    whole = amounts.size - amounts.size % BLOCK
    for start in range(0, whole, BLOCK):  # a constant trip count: unrolled and vectorised
        stop = start + BLOCK
        found, counted = _gather_block(amounts, start, stop, threshold, reserve, out, found)
        below += counted
    found, counted = _gather_block(amounts, whole, amounts.size, threshold, reserve, out, found)
    return found, below + counted


# Runs of equal amounts no longer than this are put in key order by insertion (a run is mostly a
# handful of bids); longer ones by a sort of their keys' first words first.
SHORT_RUN = 16


@numba.njit(cache=True, nogil=True, inline="always")
def _before(keys: NDArray[np.uint64], a: int, b: int) -> bool:
    """Whether key row a comes before key row b (their words compared in turn)."""
    for word in range(keys.shape[1]):
        if keys[a, word] != keys[b, word]:
            return bool(keys[a, word] < keys[b, word])
    return False


@numba.njit(cache=True, nogil=True)
def _insert(keys: NDArray[np.uint64], order: Indices, start: int, stop: int) -> None:
    """order[start:stop] (key rows) put in key order by insertion: quick when nearly ordered."""
    for i in range(start + 1, stop):
        row = order[i]
        j = i
        while j > start and _before(keys, row, order[j - 1]):
            order[j] = order[j - 1]
            j -= 1
        order[j] = row


@numba.njit(cache=True, nogil=True)
def order_within_runs(starts: Indices, keys: NDArray[np.uint64], rows: Indices) -> Indices:
    """The order of places that puts each run (places starts[r] to starts[r + 1]) in ascending
    order of its places' keys (place p's key is keys[rows[p]]), the runs kept where they are."""
    order = rows.copy()  # sorted as key rows, turned back into places at the end
    for r in range(starts.size - 1):
        start, stop = starts[r], starts[r + 1]
        if stop - start > SHORT_RUN:
            run = order[start:stop]
            order[start:stop] = run[np.argsort(keys[run, 0])]
        _insert(keys, order, start, stop)  # a long run: only rows whose first words are equal
    place = np.empty(keys.shape[0], np.intp)
    place[rows] = np.arange(rows.size)
    return place[order]

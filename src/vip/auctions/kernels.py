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


@numba.njit(cache=True, nogil=True)
def gather_at_or_above(
    amounts: NDArray[np.int64], threshold: int, reserve: int, out: Indices
) -> tuple[int, int]:
    """Write into out the indices of amounts >= threshold (threshold >= reserve), as many as fit;
    return how many there are in all (more than out.size: the caller retries with a larger out)
    and how many amounts lie below the reserve."""
    found = 0
    below = 0
    capacity = out.size
    for i in range(amounts.size):
        amount = amounts[i]
        if amount >= threshold:
            if found < capacity:
                out[found] = i
            found += 1
        elif amount < reserve:
            below += 1
    return found, below

"""Large random markets straight into CSR arrays (numba), for the benchmarks.

Receivers differ in popularity, as programs and sponsors do, so that proposers compete and
deferred acceptance has real rejections to work through: receiver `order[floor(n * u ** SKEW)]`
for a uniform u, so the first receivers of a random order draw the most proposers.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from vip.matching.arrays import Int32Array, Int64Array
from vip.matching.clearinghouse.kernels import group_by_target
from vip.matching.clearinghouse.market import Market

SKEW = 1.5


@njit(cache=True)
def _proposer_lists(seed: int, order: Int32Array, n_proposers: int, length: int) -> Int32Array:
    """`length` distinct receivers per proposer, drawn by popularity, in the drawn order."""
    np.random.seed(seed)
    idx = np.empty(n_proposers * length, np.int32)
    n = order.shape[0]
    for p in range(n_proposers):
        base = p * length
        filled = 0
        while filled < length:
            r = order[min(n - 1, int(n * np.random.random() ** SKEW))]
            seen = False
            for j in range(base, base + filled):
                seen = seen or idx[j] == r
            if not seen:
                idx[base + filled] = r
                filled += 1
    return idx


@njit(cache=True)
def _suitor_lists(
    seed: int, p_ptr: Int64Array, p_idx: Int32Array, n_receivers: int
) -> tuple[Int64Array, Int32Array]:
    """Each receiver ranks exactly the proposers who listed it, in a random order."""
    np.random.seed(seed)
    r_ptr, r_idx, _ = group_by_target(p_ptr, p_idx, n_receivers)
    for r in range(n_receivers):
        for i in range(r_ptr[r + 1] - 1, r_ptr[r], -1):  # Fisher-Yates within the list
            j = r_ptr[r] + np.random.randint(0, i - r_ptr[r] + 1)
            r_idx[i], r_idx[j] = r_idx[j], r_idx[i]
    return r_ptr, r_idx


def random_market(seed: int, n_proposers: int, n_receivers: int, length: int, seats: int) -> Market:
    """Proposers list `length` receivers each; receivers rank their suitors; `seats` in all."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(n_receivers).astype(np.int32)
    p_idx = _proposer_lists(seed, order, n_proposers, length)
    p_ptr = np.arange(n_proposers + 1, dtype=np.int64) * length
    r_ptr, r_idx = _suitor_lists(seed + 1, p_ptr, p_idx, n_receivers)
    extra = rng.multinomial(seats - n_receivers, np.full(n_receivers, 1 / n_receivers))
    capacity = (1 + extra).astype(np.int32)
    return Market(p_ptr, p_idx, r_ptr, r_idx, capacity)

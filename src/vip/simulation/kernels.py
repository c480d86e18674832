"""Fused per-agent kernels (numba): one pass from random draws to binned sufficient statistics.

The equilibrium never needs the agents themselves, only how many hosts (and how much hosting
cost) lie in each price bin of each community, and how many migrants (and how much reservation
and home income) lie in each price bin. Each kernel draws its agents itself, by index, from the
counter-based generator (`counter_rng`), a block of BLOCK agents at a time into buffers that
stay in the first-level cache, and adds them into these tallies: nothing per agent is ever
stored, so the work is linear in agents and memory does not grow with the chunk.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numpy.typing import NDArray

from vip.simulation import counter_rng

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
BLOCK = 512  # agents drawn at a time (a few KiB of draws: they stay in cache)
NATIVE_PIECE = 1 << 16  # natives tallied by one thread into one private row at a time


@numba.njit(cache=True, nogil=True)
def native_cost_sigma(cost_law: Floats) -> float:
    """The sigma of log hosting cost.

    log c = log c_median + elasticity * (log y - log y_median) + cost_sigma * z: a sum of two
    independent normals, itself normal with this sigma. The kernel draws that one normal; the
    sample draws income given it (`native_values`), which is the same joint law.
    """
    return math.sqrt((cost_law[2] * cost_law[1]) ** 2 + cost_law[3] ** 2)


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def bin_and_rest(
    log_price: float, log_low: float, bin_width: float, bins: int
) -> tuple[int, float]:
    """A price's bin (prices outside the range go to the first or last) and the log of the
    price over the bin's lower edge (branch-free, so that a loop of them is vectorised)."""
    index = min(max(math.floor((log_price - log_low) / bin_width), 0.0), bins - 1.0)
    return int(index), log_price - log_low - index * bin_width


@numba.njit(cache=True, nogil=True, inline="always")
def ratio_to_edge(rest: float, bin_width: float) -> float:
    """exp(rest), the price over its bin's lower edge. Inside the range rest < bin width
    (0.4 percent): a cubic gives it to 1e-11 without calling exp. Outside, exp as usual."""
    if 0.0 <= rest < bin_width:
        return 1.0 + rest * (1.0 + rest * (0.5 + rest * (1.0 / 6.0)))
    return math.exp(rest)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _bin_native_pairs(
    key: np.uint64,
    first_pair: int,
    cost_law: Floats,
    bin_law: Floats,
    bins: int,
    out: tuple[Ints, Floats, Ints, Floats],
) -> None:
    """Natives of pairs first_pair, first_pair + 1, ... drawn and binned: bin and rest of the
    natives at even positions, then of those at odd positions (this loop is vectorised)."""
    even_index, even_rest, odd_index, odd_rest = out
    sigma = native_cost_sigma(cost_law)
    for p in range(even_index.size):
        even, odd = counter_rng.normal_pair(key, first_pair + p)
        even_index[p], even_rest[p] = bin_and_rest(
            cost_law[0] + sigma * even, bin_law[0], bin_law[1], bins
        )
        odd_index[p], odd_rest[p] = bin_and_rest(
            cost_law[0] + sigma * odd, bin_law[0], bin_law[1], bins
        )


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _tally_native_piece(
    key: np.uint64,
    first: int,
    end: int,
    cost_law: Floats,
    bin_law: Floats,
    count: Floats,
    cost_sum: Floats,
) -> None:
    """Natives first..end-1 (all of one community) into one row of counts and of costs."""
    half = BLOCK // 2
    even_index, odd_index = np.empty(half, dtype=np.int64), np.empty(half, dtype=np.int64)
    even_rest, odd_rest = np.empty(half), np.empty(half)
    bins = count.size
    start = first
    while start < end:
        base = start - start % 2  # blocks start at a Box-Muller pair
        stop = min(end, base + BLOCK)
        pairs = (stop - base + 1) // 2
        out = (even_index[:pairs], even_rest[:pairs], odd_index[:pairs], odd_rest[:pairs])
        _bin_native_pairs(key, base // 2, cost_law, bin_law, bins, out)
        for i in range(start - base, stop - base):
            j = i >> 1
            b, rest = (even_index[j], even_rest[j]) if i & 1 == 0 else (odd_index[j], odd_rest[j])
            count[b] += 1.0
            cost_sum[b] += ratio_to_edge(rest, bin_law[1])
        start = stop


@numba.njit(cache=True, nogil=True)
def native_pieces(first: int, end: int, community_starts: Ints) -> Ints:
    """Natives first..end-1 cut at community boundaries and every NATIVE_PIECE agents: rows of
    (community, first, end), in order."""
    communities = community_starts.size - 1
    low = np.maximum(np.minimum(community_starts[:-1], end), first)
    high = np.minimum(np.maximum(community_starts[1:], first), end)
    per = (high - low + NATIVE_PIECE - 1) // NATIVE_PIECE
    pieces = np.empty((per.sum(), 3), dtype=np.int64)
    p = 0
    for k in range(communities):
        for start in range(low[k], high[k], NATIVE_PIECE):
            pieces[p, 0], pieces[p, 1], pieces[p, 2] = k, start, min(high[k], start + NATIVE_PIECE)
            p += 1
    return pieces


@numba.njit(cache=True, nogil=True, parallel=True)
def tally_natives(
    key: np.uint64,
    first: int,
    end: int,
    community_starts: Ints,
    cost_law: Floats,
    bin_law: Floats,
    count: Floats,
    cost_sum: Floats,
) -> None:
    """Draw natives first..end-1 and add each to their (community, cost bin): one count, and
    their hosting cost divided by the bin's lower edge (the caller multiplies the edges back
    in, once per bin).

    Natives are numbered community by community (community k holds natives community_starts[k]
    to community_starts[k + 1] - 1), so each piece fills one community's row, which stays in
    cache. Pieces are tallied in parallel into rows of their own and added in order, so the
    result does not depend on the number of threads.
    """
    pieces = native_pieces(first, end, community_starts)
    bins = count.shape[1]
    rows = np.zeros((pieces.shape[0], 2, bins))
    for p in numba.prange(pieces.shape[0]):
        _tally_native_piece(
            key, pieces[p, 1], pieces[p, 2], cost_law, bin_law, rows[p, 0], rows[p, 1]
        )
    for p in range(pieces.shape[0]):
        count[pieces[p, 0]] += rows[p, 0]
        cost_sum[pieces[p, 0]] += rows[p, 1]


@numba.njit(cache=True, nogil=True, error_model="numpy")
def native_values(
    cost_key: np.uint64,
    income_key: np.uint64,
    positions: Ints,
    cost_law: Floats,
    income_law: Floats,
    income: Floats,
    cost: Floats,
) -> None:
    """Income and hosting cost (USD per year) of the natives at some positions (the sample).

    The cost's normal is the kernel's; income's normal is drawn given it, with the correlation
    the income elasticity gives: z_income = rho z_cost + sqrt(1 - rho^2) z_other.
    """
    sigma = native_cost_sigma(cost_law)
    rho = cost_law[2] * cost_law[1] / sigma if sigma > 0 else 0.0
    for i in range(positions.size):
        z_cost = counter_rng.normal(cost_key, positions[i])
        z_other = counter_rng.normal(income_key, positions[i])
        z_income = rho * z_cost + math.sqrt(1.0 - rho * rho) * z_other
        income[i] = math.exp(income_law[0] + income_law[1] * z_income)
        cost[i] = math.exp(cost_law[0] + sigma * z_cost)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def migrant_values(
    key: np.uint64,
    positions: Ints,
    origin_law: Floats,
    moving_law: Floats,
    home: Floats,
    reservation: Floats,
) -> None:
    """Home income by origin (log-normal per origin) and reservation = home + moving cost, of
    the migrants at some positions (the sample), USD per year."""
    for i in range(positions.size):
        u, z_home, z_move = counter_rng.migrant_draw(key, positions[i])
        home[i], reservation[i] = _migrant(u, z_home, z_move, origin_law, moving_law)


@numba.njit(cache=True, nogil=True)
def _log_home(u: float, z_home: float, origin_law: Floats) -> float:
    """The log home income of a migrant whose origin's uniform is u.

    origin_law rows: cumulative share, log median home income, sigma.
    """
    last = origin_law.shape[0] - 1
    origin = 0
    while origin < last and u >= origin_law[origin, 0]:
        origin += 1
    log_home: float = origin_law[origin, 1] + origin_law[origin, 2] * z_home
    return log_home


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _home_and_reservation(
    log_home: float, z_move: float, moving_law: Floats
) -> tuple[float, float]:
    home = counter_rng.exp_moderate(log_home)
    return home, home + counter_rng.exp_moderate(moving_law[0] + moving_law[1] * z_move)


@numba.njit(cache=True, nogil=True)
def _migrant(
    u: float, z_home: float, z_move: float, origin_law: Floats, moving_law: Floats
) -> tuple[float, float]:
    """Home income by origin (log-normal per origin) and reservation, USD per year."""
    return _home_and_reservation(_log_home(u, z_home, origin_law), z_move, moving_law)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _bin_migrants(
    log_home: Floats,
    z_move: Floats,
    moving_law: Floats,
    bin_law: Floats,
    bins: int,
    home: Floats,
    reservation: Floats,
    index: Ints,
) -> None:
    """Home income, reservation and reservation bin of a block of migrants (vectorised)."""
    for i in range(log_home.size):
        home[i], reservation[i] = _home_and_reservation(log_home[i], z_move[i], moving_law)
        index[i], _ = bin_and_rest(
            counter_rng.log_positive(reservation[i]), bin_law[0], bin_law[1], bins
        )


MIGRANT_PARTS = 8  # fixed, so that the sums do not depend on the number of threads


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _tally_migrant_slice(
    key: np.uint64,
    first: int,
    end: int,
    origin_law: Floats,
    moving_law: Floats,
    ceiling: float,
    bin_law: Floats,
    out: Floats,
) -> int:
    """Draw migrants first..end-1; those below the ceiling into out[0] (count), out[1]
    (reservation sum) and out[2] (home income sum), per reservation bin; return how many."""
    u, z_home, z_move = np.empty(BLOCK), np.empty(BLOCK), np.empty(BLOCK)
    home, reservation = np.empty(BLOCK), np.empty(BLOCK)
    index = np.empty(BLOCK, dtype=np.int64)
    kept = 0
    bins = out.shape[1]
    for start in range(first, end, BLOCK):
        size = min(BLOCK, end - start)
        counter_rng.fill_migrants(key, start, u[:size], z_home[:size], z_move[:size])
        for i in range(size):
            z_home[i] = _log_home(u[i], z_home[i], origin_law)  # now the log home income
        _bin_migrants(
            z_home[:size],
            z_move[:size],
            moving_law,
            bin_law,
            bins,
            home[:size],
            reservation[:size],
            index[:size],
        )
        for i in range(size):
            if reservation[i] >= ceiling:
                continue
            b = index[i]
            out[0, b] += 1.0
            out[1, b] += reservation[i]
            out[2, b] += home[i]
            kept += 1
    return kept


@numba.njit(cache=True, nogil=True, parallel=True)
def tally_migrants(
    key: np.uint64,
    first: int,
    end: int,
    origin_law: Floats,
    moving_law: Floats,
    ceiling: float,
    bin_law: Floats,
    parts: Floats,
) -> int:
    """Draw migrants first..end-1 and add each one below the ceiling to their reservation bin;
    return how many were kept.

    The pool counts only people who gain from moving at any wage the model reaches (reservation
    below the ceiling), so that every admitted migrant is willing whatever the number admitted.
    parts[p] (count, reservation sum, home sum per bin) tallies the p-th of MIGRANT_PARTS fixed
    slices, in parallel; the caller adds them in order, so the result is the same on any number
    of threads.
    """
    kept = np.zeros(MIGRANT_PARTS, dtype=np.int64)
    size = (end - first + MIGRANT_PARTS - 1) // MIGRANT_PARTS
    for part in numba.prange(MIGRANT_PARTS):
        low = min(end, first + part * size)
        high = min(end, low + size)
        kept[part] = _tally_migrant_slice(
            key, low, high, origin_law, moving_law, ceiling, bin_law, parts[part]
        )
    return int(kept.sum())


def empty_native_tally(communities: int, bins: int) -> tuple[Floats, Floats]:
    return np.zeros((communities, bins)), np.zeros((communities, bins))


def empty_migrant_parts(bins: int) -> Floats:
    return np.zeros((MIGRANT_PARTS, 3, bins))

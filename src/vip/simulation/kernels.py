"""Fused per-agent kernels (numba): one pass from random draws to binned sufficient statistics.

The equilibrium never needs the agents themselves, only how many hosts (and how much hosting
cost) lie in each price bin of each community, and how many migrants (and how much reservation
and home income) lie in each price bin. Each kernel reads its draws once and adds into these
tallies, so the work is linear in agents and memory is the size of one chunk.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@numba.njit(cache=True, nogil=True)
def price_bin(log_price: float, log_low: float, bin_width: float, bins: int) -> int:
    """The log-spaced bin of a price; prices outside the range go to the first or last bin."""
    index: int = math.floor((log_price - log_low) / bin_width)
    return min(max(index, 0), bins - 1)


@numba.njit(cache=True, nogil=True)
def native_log_cost(
    z_income: float,
    z_cost: float,
    log_cost_median: float,
    income_sigma: float,
    elasticity: float,
    cost_sigma: float,
) -> float:
    """Hosting cost rises with income.

    log c = log c_median + elasticity * (log y - log y_median) + noise, all in USD per year.
    """
    return log_cost_median + elasticity * income_sigma * z_income + cost_sigma * z_cost


@numba.njit(cache=True, nogil=True)
def relative_to_bin(
    log_price: float, log_low: float, bin_width: float, bins: int
) -> tuple[int, float]:
    """A price's bin and the price divided by the bin's lower edge.

    Inside the range the ratio is exp(d) for d < bin width (0.4 percent): a cubic gives it to
    1e-11 without calling exp, the costliest step of the kernel. Outside, exp as usual.
    """
    position = (log_price - log_low) / bin_width
    index: int = math.floor(position)
    if 0 <= index < bins:
        d = (position - index) * bin_width
        return index, 1.0 + d * (1.0 + d * (0.5 + d * (1.0 / 6.0)))
    index = min(max(index, 0), bins - 1)
    return index, math.exp(log_price - log_low - index * bin_width)


@numba.njit(cache=True, nogil=True, parallel=True)
def tally_natives(
    z_income: Floats,
    z_cost: Floats,
    community_starts: Ints,
    cost_law: Floats,
    bin_law: Floats,
    count: Floats,
    cost_sum: Floats,
) -> None:
    """Add each native to his (community, cost bin): one count, and his hosting cost divided by
    the bin's lower edge (the caller multiplies the edges back in, once per bin).

    Natives come community by community (community_starts[k] is the first of community k): each
    community's row is written by one thread only, in a fixed order, so the result does not
    depend on the number of threads.
    """
    bins = count.shape[1]
    for k in numba.prange(count.shape[0]):
        for i in range(community_starts[k], community_starts[k + 1]):
            log_cost = native_log_cost(
                z_income[i], z_cost[i], cost_law[0], cost_law[1], cost_law[2], cost_law[3]
            )
            b, ratio = relative_to_bin(log_cost, bin_law[0], bin_law[1], bins)
            count[k, b] += 1.0
            cost_sum[k, b] += ratio


@numba.njit(cache=True, nogil=True)
def native_costs(z_income: Floats, z_cost: Floats, cost_law: Floats, out: Floats) -> None:
    """Each native's hosting cost, USD per year (for the sample whose outcomes are reported)."""
    for i in range(z_income.size):
        out[i] = math.exp(
            native_log_cost(
                z_income[i], z_cost[i], cost_law[0], cost_law[1], cost_law[2], cost_law[3]
            )
        )


@numba.njit(cache=True, nogil=True)
def migrant_values(
    uniform: Floats,
    z_home: Floats,
    z_move: Floats,
    origin_law: Floats,
    moving_law: Floats,
    home: Floats,
    reservation: Floats,
) -> None:
    """Home income by origin (log-normal per origin) and reservation = home + moving cost.

    origin_law rows: cumulative share, log median home income, sigma.
    """
    last = origin_law.shape[0] - 1
    for i in range(uniform.size):
        origin = 0
        while origin < last and uniform[i] >= origin_law[origin, 0]:
            origin += 1
        home[i] = math.exp(origin_law[origin, 1] + origin_law[origin, 2] * z_home[i])
        reservation[i] = home[i] + math.exp(moving_law[0] + moving_law[1] * z_move[i])


MIGRANT_PARTS = 8  # fixed, so that the sums do not depend on the number of threads


@numba.njit(cache=True, nogil=True)
def _tally_migrant_slice(
    home: Floats,
    reservation: Floats,
    first: int,
    end: int,
    ceiling: float,
    bin_law: Floats,
    out: Floats,
) -> int:
    """Migrants first..end-1 below the ceiling into out[0] (count), out[1] (reservation sum)
    and out[2] (home income sum), per reservation bin; returns how many were kept."""
    kept = 0
    bins = out.shape[1]
    for i in range(first, end):
        if reservation[i] >= ceiling:
            continue
        b = price_bin(math.log(reservation[i]), bin_law[0], bin_law[1], bins)
        out[0, b] += 1.0
        out[1, b] += reservation[i]
        out[2, b] += home[i]
        kept += 1
    return kept


@numba.njit(cache=True, nogil=True, parallel=True)
def tally_migrants(
    home: Floats, reservation: Floats, ceiling: float, bin_law: Floats, parts: Floats
) -> int:
    """Add each migrant below the ceiling to his reservation bin; return how many were kept.

    The pool counts only people who gain from moving at any wage the model reaches (reservation
    below the ceiling), so that every admitted migrant is willing whatever the number admitted.
    parts[p] (count, reservation sum, home sum per bin) tallies the p-th of MIGRANT_PARTS fixed
    slices, in parallel; the caller adds them in order, so the result is the same on any number
    of threads.
    """
    kept = np.zeros(MIGRANT_PARTS, dtype=np.int64)
    size = (home.size + MIGRANT_PARTS - 1) // MIGRANT_PARTS
    for part in numba.prange(MIGRANT_PARTS):
        end = min(home.size, (part + 1) * size)
        kept[part] = _tally_migrant_slice(
            home, reservation, part * size, end, ceiling, bin_law, parts[part]
        )
    return int(kept.sum())


def empty_native_tally(communities: int, bins: int) -> tuple[Floats, Floats]:
    return np.zeros((communities, bins)), np.zeros((communities, bins))


def empty_migrant_parts(bins: int) -> Floats:
    return np.zeros((MIGRANT_PARTS, 3, bins))

"""`vip bench auction`: clearing millions of sealed bids, each figure next to its baselines.

The bids are drawn once, in cents per visa-year, log-normal around USD 5,000: once to the cent
(few ties) and once to the whole dollar, as people bid (many ties: the winners who share an
amount are put in the seeded tie order, a SHA-256 each). The bids' ids (`bid-0`, `bid-1`, ...)
are in memory, laid out as the platform lays them out when it loads the bids (`BidIds`: one
UTF-8 buffer, as the amounts are one int64 array), before the timing as the amounts are drawn
before it. The clearing is the platform's own (`vip.auctions.clearing.clear` with
`seeded_ties`); the baselines, timed in the same run on the same array, are one
numpy pass over the amounts (a sum), one numpy selection (`np.partition` at the cut-off, which
finds the price and orders nothing) and a full `np.argsort` of them: CPU seconds, median of
several runs (the machine is shared). Then the social dividend posted to a million citizens on
PostgreSQL, against COPY of the same rows (bench/dividend.py, wall-clock seconds).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from functools import partial

import numpy as np

from vip.auctions.clearing import BidIds, Clearing, Rule, TieKeys, clear, seeded_ties
from vip.bench.matching import Figure, clock

MILLION = 1_000_000
SEED = "bench-seed"
MEDIAN_DOLLARS = 5_000
SIGMA = 0.8
RESERVE_CENTS = 1_000_00
REPEATS = 7
PARTITION = "one numpy selection (np.partition at the cut-off)"


def _median_seconds(work: Callable[[], object], repeats: int = REPEATS) -> float:
    return statistics.median(clock(work)[0] for _ in range(repeats))


def bids(size: int, unit_cents: int) -> np.ndarray:
    """Amounts in cents, rounded to the unit (1: any cent; 100: whole dollars, as people bid)."""
    rng = np.random.default_rng(2018)
    units = np.round(rng.lognormal(np.log(MEDIAN_DOLLARS * 100 / unit_cents), SIGMA, size))
    return units.astype(np.int64) * unit_cents


def bid_ids(size: int) -> list[str]:
    return list(map("bid-".__add__, map(str, range(size))))


def _sharing(amounts: np.ndarray) -> int:
    """How many of these (bid-ordered) amounts equal a neighbour's: the tie keys hashed."""
    same = amounts[1:] == amounts[:-1]
    return int(np.count_nonzero(np.concatenate(([False], same)) | np.concatenate((same, [False]))))


def _case(amounts: np.ndarray, label: str, ties: TieKeys) -> list[Figure]:
    size = f"{amounts.size:,} bids in {label}"
    one_pass = _median_seconds(amounts.sum)
    figures = []
    for quota in (amounts.size // 1000, amounts.size // 100):

        def work(quota: int = quota) -> Clearing:
            return clear(amounts, quota, RESERVE_CENTS, Rule.HIGHEST_REJECTED, ties=ties)

        seconds = _median_seconds(work)
        result = work()
        note = (
            f"price {result.price} cents; {_sharing(amounts[result.winners])} winners share"
            " their amount (one SHA-256 tie key each)"
        )
        name = f"clear, quota {quota:,}"
        selection = _median_seconds(partial(np.partition, amounts, amounts.size - quota - 1), 3)
        figures.append(Figure(name, size, seconds, "one numpy pass (sum)", one_pass, note))
        figures.append(Figure(name, size, seconds, PARTITION, selection))
    full_sort = _median_seconds(lambda: np.argsort(amounts), 3)
    figures.append(Figure(name, size, seconds, "full np.argsort", full_sort))
    return figures


def run(quick: bool, postgres: bool = True) -> list[Figure]:
    size = MILLION if quick else 10 * MILLION
    ties = seeded_ties(SEED, BidIds.of(bid_ids(size)))
    warm_up = np.full(1000, 2 * RESERVE_CENTS)  # all tied: every kernel compiled before timing
    clear(warm_up, 10, RESERVE_CENTS, ties=ties)
    figures = [
        *_case(bids(size, 1), "cents (few ties)", ties),
        *_case(bids(size, 100), "whole dollars (many ties)", ties),
    ]
    if postgres:
        from vip.bench.dividend import dividend_on_postgres

        figures += dividend_on_postgres(quick)
    return figures

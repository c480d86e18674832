"""The uniform-price clearing of a quota auction, on arrays, with no Django.

One function, `clear`, decides every auction: the platform's (`vip auction clear`, the stored
auctions, `vip auction verify`) and the simulator's `auction` mechanism, so that the policy
figures and the platform agree.

The rules (docs/auction.md):
- bids below the reserve are rejected;
- when no more valid bids than the quota remain, every valid bid wins at the reserve;
- otherwise the quota's highest bids win, all at one price: the highest rejected bid (the
  default, as in the US Treasury's uniform-price auctions: nobody has a reason to bid below his
  value) or the lowest accepted bid;
- among equal amounts the order is the ascending hex SHA-256 of `seed + ":" + id`, the seed being
  committed (its hash published) when bidding opens and revealed at clearing.

Each bid counts once (the platform), or an amount carries a number of people (the simulator's
price bins, fractional). For single bids the work is a selection, not a sort: one pass gathers
the bids that may be near the cut-off (kernels.gather_at_or_above), a partition finds the cut-off
among them, and only the winners and the tie group at the cut-off are ordered.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

import numpy as np
from numpy.typing import NDArray

from vip.auctions.kernels import gather_at_or_above, order_within_runs
from vip.auctions.sha256 import digest_words, encoded

Indices = NDArray[np.intp]
# A key per bid index (a row of words, or one integer); equal amounts go in ascending key order.
# Asked for in ascending index order: the ids are then read front to back.
TieKeys = Callable[[Indices], NDArray[np.uint64]]

SAMPLE_SIZE = 1 << 14  # bids sampled for the threshold (a cache miss each): error ~ 1/sqrt
SAMPLE_MARGIN_SIGMAS = 4.0  # how far above the expected rank the threshold is taken


class Rule(StrEnum):
    HIGHEST_REJECTED = "highest_rejected"
    LOWEST_ACCEPTED = "lowest_accepted"


@dataclass(frozen=True)
class Clearing:
    price: float  # an int for integer amounts (minor units), a float for the simulator's
    winners: Indices  # indices into the amounts, in bid order (amount descending, tie order)
    admitted: float  # how many win: len(winners) for single bids, people for counts
    valid: float  # bids (or people) at or above the reserve
    rejected_below_reserve: float


@dataclass(frozen=True)
class BidIds:
    """The bids' ids as the clearing holds them, as it holds their amounts in one int64 array:
    their UTF-8 bytes in one buffer, each followed by a NUL, and where each starts. Laid out
    once, when the bids are loaded; a tie key then reads an id's bytes, not a Python str (at
    87,000 tied winners of 10M bids, reading their str objects and joining them cost more than
    hashing them)."""

    data: NDArray[np.uint8]
    offsets: NDArray[np.int64]  # id i is data[offsets[i] : offsets[i + 1] - 1]
    longest: int  # bytes in the longest id

    @classmethod
    def of(cls, ids: Sequence[str]) -> BidIds:
        data, offsets = encoded(ids)
        longest = int(np.diff(offsets).max()) - 1 if ids else 0
        return cls(data, offsets, longest)


def tie_words(seed: str, ids: BidIds, indices: Indices) -> NDArray[np.uint64]:
    """The tie keys of these bids as rows of four big-endian 64-bit words of their SHA-256
    digests: rows in lexicographic order are the hex keys in ascending order, sorted without a
    string. Hashed in bulk (auctions/sha256.py), not one hashlib call per bid."""
    return digest_words(f"{seed}:", ids.data, ids.offsets, indices, ids.longest)


def seeded_ties(seed: str, ids: BidIds) -> TieKeys:
    """The tie order of the bids with these ids under this seed."""
    return partial(tie_words, seed, ids)


def seed_commitment(seed: str) -> str:
    """What is published when bidding opens, so that the seed revealed at clearing is checked."""
    return hashlib.sha256(seed.encode()).hexdigest()


def clear(
    amounts: NDArray[np.int64] | NDArray[np.float64],
    quota: float,
    reserve: float,
    rule: Rule = Rule.HIGHEST_REJECTED,
    *,
    ties: TieKeys | None = None,
    counts: NDArray[np.float64] | None = None,
) -> Clearing:
    """Clear an auction of `quota` seats over these amounts (one bid each, or `counts` people
    each). Without `ties`, equal single bids are in index order."""
    if quota <= 0:
        raise ValueError(f"the quota must be positive, not {quota}")
    if counts is not None:
        return _clear_counts(np.asarray(amounts, dtype=np.float64), counts, quota, reserve, rule)
    return _clear_bids(np.asarray(amounts, dtype=np.int64), int(quota), int(reserve), rule, ties)


def _price(rule: Rule, lowest_accepted: float, highest_rejected: float) -> float:
    return highest_rejected if rule is Rule.HIGHEST_REJECTED else lowest_accepted


def _clear_counts(
    amounts: NDArray[np.float64],
    counts: NDArray[np.float64],
    quota: float,
    reserve: float,
    rule: Rule,
) -> Clearing:
    """People in amount bins (the simulator): the bins are few, so they are simply sorted."""
    valid = amounts >= reserve
    below = float(counts[~valid].sum())
    candidates = np.flatnonzero(valid & (counts > 0))
    order = candidates[np.argsort(-amounts[candidates], kind="stable")]
    cumulative = np.cumsum(counts[order])
    demand = float(cumulative[-1]) if order.size else 0.0
    if demand <= quota:
        return Clearing(reserve, order, demand, demand, below)
    last = int(np.searchsorted(cumulative, quota, side="left"))  # the quota-th person's bin
    first_out = int(np.searchsorted(cumulative, quota, side="right"))  # the next person's
    price = _price(rule, float(amounts[order[last]]), float(amounts[order[first_out]]))
    return Clearing(price, order[: last + 1], quota, demand, below)


def _threshold(amounts: NDArray[np.int64], quota: int, reserve: int) -> tuple[int, int]:
    """An amount that about quota + 1 valid bids (and a margin) reach, from a strided sample;
    the reserve when the sample says the valid bids are not many more than the quota. With it,
    room for the bids that reach it: each sampled bid above it stands for `step` bids, so twice
    that (about four standard deviations for the smallest rank taken) holds them in one pass;
    sized from the quota alone, the margin overflowed it and the bids were read twice."""
    step = max(1, amounts.size // SAMPLE_SIZE)
    sample = amounts[::step]
    sample = sample[sample >= reserve]
    expected = (quota + 1) * sample.size / amounts.size
    rank = math.ceil(expected + SAMPLE_MARGIN_SIGMAS * math.sqrt(expected) + 8)
    if rank >= sample.size:
        return reserve, amounts.size
    threshold = int(np.partition(sample, sample.size - rank)[sample.size - rank])
    if threshold <= reserve:
        return reserve, amounts.size
    return threshold, min(amounts.size, 2 * quota + 4096 + 2 * rank * step)


def _gather(
    amounts: NDArray[np.int64], threshold: int, reserve: int, room: int
) -> tuple[Indices, int]:
    """The indices of the amounts >= threshold (room for `room` of them; more: a second pass)
    and the number below the reserve."""
    size = room
    while True:
        out = np.empty(size, dtype=np.intp)
        found, below = gather_at_or_above(amounts, threshold, reserve, out)
        if found <= size:
            return out[:found], below
        size = found


def _clear_bids(
    amounts: NDArray[np.int64], quota: int, reserve: int, rule: Rule, ties: TieKeys | None
) -> Clearing:
    if amounts.size == 0:
        return Clearing(reserve, np.empty(0, dtype=np.intp), 0, 0, 0)
    threshold, room = _threshold(amounts, quota, reserve)
    candidates, below = _gather(amounts, threshold, reserve, room)
    if candidates.size <= quota and threshold > reserve:
        # The sample overestimated the threshold: gather every valid bid instead (rare).
        candidates, below = _gather(amounts, reserve, reserve, amounts.size)
    valid = amounts.size - below
    values = amounts[candidates]
    if candidates.size <= quota:  # here the candidates are every valid bid
        order = _bid_order(candidates, values, ties)
        return Clearing(reserve, order, order.size, valid, below)
    # The quota-th and (quota + 1)-th highest values, without ordering the rest.
    size = values.size
    cut = np.partition(values, (size - quota - 1, size - quota))
    lowest_accepted, highest_rejected = int(cut[size - quota]), int(cut[size - quota - 1])
    top = values >= lowest_accepted  # the winners above the cut-off and its whole tie group
    order = _bid_order(candidates[top], values[top], ties)[:quota]
    price = _price(rule, lowest_accepted, highest_rejected)
    return Clearing(price, order, quota, valid, below)


def _bid_order(indices: Indices, values: NDArray[np.int64], ties: TieKeys | None) -> Indices:
    """These bids (indices ascending) in bid order: amount descending, equal amounts by their tie
    keys (by index without keys). Keys are computed only for the bids that share their amount
    with another, and asked for in index order, so that the ids are read front to back."""
    descending = np.argsort(-values)  # not stable: equal amounts are ordered next, by key
    values = values[descending]
    same = values[1:] == values[:-1]
    ordered = indices[descending]
    if not same.any():
        return ordered
    tied = np.zeros(values.size, dtype=bool)
    tied[1:] |= same
    tied[:-1] |= same
    at = np.flatnonzero(tied)  # places in bid order
    sharing = np.zeros(values.size, dtype=bool)  # the same bids, by their place in `indices`
    sharing[descending[at]] = True
    places = np.flatnonzero(sharing)
    keys = ties(indices[places]) if ties is not None else indices[places].reshape(-1, 1)
    rows = (np.cumsum(sharing) - 1)[descending[at]]  # each place's row of keys
    # The tied places hold runs of equal amounts, highest first: each is put in key order.
    starts = np.flatnonzero(np.concatenate(([True], values[at][1:] != values[at][:-1], [True])))
    ordered[at] = ordered[at][order_within_runs(starts, keys.astype(np.uint64, copy=False), rows)]
    return ordered

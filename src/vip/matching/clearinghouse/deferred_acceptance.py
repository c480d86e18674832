"""The clearinghouse: a stable matching of a cohort by deferred acceptance, and its checks."""

from __future__ import annotations

from dataclasses import dataclass

from vip.matching.arrays import Int32Array
from vip.matching.clearinghouse.kernels import (
    count_blocking_pairs,
    proposers_propose,
    receivers_propose,
    respects_lists_and_capacities,
)
from vip.matching.clearinghouse.market import Market
from vip.matching.clearinghouse.sides import Proposing


@dataclass(frozen=True)
class Matching:
    """The receiver matched to each proposer (-1: unmatched) and how many proposals it took."""

    match: Int32Array
    proposals: int


def deferred_acceptance(market: Market, proposing: Proposing = Proposing.PROPOSERS) -> Matching:
    """The stable matching optimal for the proposing side (Gale-Shapley with capacities)."""
    if proposing == Proposing.PROPOSERS:
        match, proposals = proposers_propose(
            market.proposer_ptr, market.proposer_idx, market.rank_at_receiver, market.capacity
        )
    else:
        match, proposals = receivers_propose(
            market.receiver_ptr,
            market.receiver_idx,
            market.rank_at_proposer,
            market.capacity,
            market.n_proposers,
        )
    return Matching(match, int(proposals))


def blocking_pairs(market: Market, match: Int32Array) -> int:
    """How many acceptable pairs would rather have each other than their match (0: stable)."""
    return int(
        count_blocking_pairs(
            market.proposer_ptr,
            market.proposer_idx,
            market.rank_at_receiver,
            market.capacity,
            match,
        )
    )


def is_feasible(market: Market, match: Int32Array) -> bool:
    """Every matched pair lists each other, and no receiver holds more than its capacity."""
    return bool(
        respects_lists_and_capacities(
            market.proposer_ptr,
            market.proposer_idx,
            market.rank_at_receiver,
            market.capacity,
            match,
        )
    )

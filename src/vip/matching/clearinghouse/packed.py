"""Preferences by id packed into the kernels' arrays, solved by the numba kernels, and read back
by id: `vip match solve` on the markets large enough to be worth loading numba (instance.solve)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vip.matching.arrays import Int32Array
from vip.matching.clearinghouse.deferred_acceptance import blocking_pairs, deferred_acceptance
from vip.matching.clearinghouse.instance import Preferences
from vip.matching.clearinghouse.market import Market, csr
from vip.matching.clearinghouse.sides import Proposing


@dataclass(frozen=True)
class Instance:
    """Preferences packed into a market; row i of a side is the i-th id of that side."""

    proposer_ids: list[str]
    receiver_ids: list[str]
    market: Market

    @classmethod
    def pack(cls, preferences: Preferences) -> Instance:
        """Number the ids in their order and pack the lists (ids assumed valid: see parse)."""
        proposer_rows = {pid: row for row, pid in enumerate(preferences.proposers)}
        receiver_rows = {rid: row for row, rid in enumerate(preferences.receivers)}
        p_ptr, p_idx = csr(list(preferences.proposers.values()), receiver_rows.__getitem__)
        r_ptr, r_idx = csr(list(preferences.receivers.values()), proposer_rows.__getitem__)
        capacity = np.fromiter(
            map(preferences.capacity.__getitem__, preferences.receivers), np.int32
        )
        market = Market(p_ptr, p_idx, r_ptr, r_idx, capacity)
        return cls(list(preferences.proposers), list(preferences.receivers), market)

    def matches(self, match: Int32Array) -> dict[str, str | None]:
        """The receiver of each proposer by id (None: unmatched)."""
        # Row -1 (unmatched) reads the None appended at the end of the receivers' names.
        names: list[str | None] = [*self.receiver_ids, None]
        return dict(zip(self.proposer_ids, map(names.__getitem__, match.tolist()), strict=True))


def stable_matching(
    preferences: Preferences, proposing: Proposing = Proposing.PROPOSERS
) -> dict[str, str | None]:
    """The receiver of each proposer (None: unmatched), optimal for the proposing side."""
    instance = Instance.pack(preferences)
    return instance.matches(deferred_acceptance(instance.market, proposing).match)


def solve(
    preferences: Preferences, proposing: Proposing = Proposing.PROPOSERS
) -> tuple[dict[str, str | None], int]:
    """The stable matching optimal for the proposing side, and its blocking pairs (0)."""
    instance = Instance.pack(preferences)
    match = deferred_acceptance(instance.market, proposing).match
    return instance.matches(match), blocking_pairs(instance.market, match)

"""A round's rank lists as typed values, and the stable pairs deferred acceptance makes of them.

Migrants are the proposers and requests the receivers (one seat each), whichever side proposes;
ids stay integers from the ranking to the pairs (the string ids are `vip match solve`'s contract,
not the round's).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vip.matching.clearinghouse.deferred_acceptance import blocking_pairs, deferred_acceptance
from vip.matching.clearinghouse.market import Market, csr
from vip.matching.clearinghouse.sides import Proposing


@dataclass(frozen=True)
class Listed:
    """A migrant on a request's list, and the pair's score (0..1)."""

    migrant: int
    score: float


@dataclass(frozen=True)
class RequestList:
    """An open request, its sponsor, and the migrants it lists, best first."""

    request: int
    sponsor: int
    listed: tuple[Listed, ...]


@dataclass(frozen=True)
class MigrantList:
    """A migrant and the requests he lists, best first."""

    migrant: int
    requests: tuple[int, ...]


@dataclass(frozen=True)
class RoundLists:
    requests: tuple[RequestList, ...]
    migrants: tuple[MigrantList, ...]


@dataclass(frozen=True)
class RoundPair:
    """A pair the round made; `agreement` is the offer made of it (0 until it is made)."""

    request: int
    sponsor: int
    migrant: int
    score: float
    agreement: int = 0


@dataclass(frozen=True)
class RoundMatching:
    pairs: tuple[RoundPair, ...]  # by migrant id
    blocking_pairs: int


def stable_pairs(lists: RoundLists, proposing: Proposing = Proposing.PROPOSERS) -> RoundMatching:
    """The stable matching optimal for the proposing side (the proposers: the migrants)."""
    request_rows = {r.request: row for row, r in enumerate(lists.requests)}
    migrant_rows = {m.migrant: row for row, m in enumerate(lists.migrants)}
    m_ptr, m_idx = csr([m.requests for m in lists.migrants], request_rows.__getitem__)
    r_ptr, r_idx = csr(
        [tuple(listed.migrant for listed in r.listed) for r in lists.requests],
        migrant_rows.__getitem__,
    )
    seats = np.ones(len(lists.requests), np.int32)
    market = Market(m_ptr, m_idx, r_ptr, r_idx, seats)
    match = deferred_acceptance(market, proposing).match
    pairs = []
    for migrant, row in sorted(
        zip((m.migrant for m in lists.migrants), match.tolist(), strict=True)
    ):
        if row < 0:
            continue
        request = lists.requests[row]
        score = next(x.score for x in request.listed if x.migrant == migrant)
        pairs.append(RoundPair(request.request, request.sponsor, migrant, score))
    return RoundMatching(tuple(pairs), blocking_pairs(market, match))

"""The ranking by brute force: every record through `pairs.py`, sorted; the fast one must match."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from vip.matching.pairs import may_meet, pair_score
from vip.matching.ranked import Blocks
from vip.matching.records import MigrantRecord, Safeguards, SponsorRecord


def _best(scored: list[tuple[int, int]], k: int) -> list[tuple[int, int]]:
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:k]


def candidates(
    migrants: Iterable[MigrantRecord],
    request: SponsorRecord,
    on: date,
    k: int,
    blocks: Blocks,
    safeguards: Safeguards,
) -> list[tuple[int, int]]:
    """(migrant id, points) of the k best, best first, lower id first among equals."""
    return _best(
        [
            (m.id, pair_score(m, request))
            for m in migrants
            if may_meet(m, request, on, safeguards) and not blocks.blocked(request.sponsor_id, m.id)
        ],
        k,
    )


def opportunities(
    requests: Iterable[SponsorRecord],
    migrant: MigrantRecord,
    on: date,
    k: int,
    blocks: Blocks,
    safeguards: Safeguards,
) -> list[tuple[int, int]]:
    """(request id, points) of the k best, best first, lower id first among equals."""
    return _best(
        [
            (r.id, pair_score(migrant, r))
            for r in requests
            if may_meet(migrant, r, on, safeguards) and not blocks.blocked(r.sponsor_id, migrant.id)
        ],
        k,
    )

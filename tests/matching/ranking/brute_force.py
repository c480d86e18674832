"""The ranking by brute force: every pair through `pairs.py`, sorted; the fast one must match."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from vip.matching.ranking.pairs import listed, may_meet, pair_score
from vip.matching.ranking.ranked import Blocks
from vip.matching.ranking.records import MigrantRecord, Safeguards, SponsorRecord

Pair = tuple[int, MigrantRecord, SponsorRecord]  # the id to report, and the pair


def _best(
    pairs: Iterable[Pair],
    on: date,
    k: int,
    blocks: Blocks,
    safeguards: Safeguards,
    *,
    by_migrant: bool = False,
) -> list[tuple[int, int]]:
    """(id, points) of the k best pairs listed (allowed to meet, a score above 0), best first,
    lower id first among equals."""
    scored = [
        (result, pair_score(m, r))
        for result, m, r in pairs
        if may_meet(m, r, on, safeguards, by_migrant=by_migrant)
        and not blocks.blocked(r.sponsor_id, m.id)
    ]
    scored = [(result, score) for result, score in scored if listed(score)]
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:k]


def candidates(
    migrants: Iterable[MigrantRecord],
    request: SponsorRecord,
    on: date,
    k: int,
    blocks: Blocks,
    safeguards: Safeguards,
) -> list[tuple[int, int]]:
    return _best(((m.id, m, request) for m in migrants), on, k, blocks, safeguards)


def opportunities(
    requests: Iterable[SponsorRecord],
    migrant: MigrantRecord,
    on: date,
    k: int,
    blocks: Blocks,
    safeguards: Safeguards,
) -> list[tuple[int, int]]:
    return _best(((r.id, migrant, r) for r in requests), on, k, blocks, safeguards, by_migrant=True)

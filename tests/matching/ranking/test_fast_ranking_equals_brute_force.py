from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench.synthetic import SMALL_VOCABULARIES, random_migrant, random_request
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.opportunities import OpportunityIndex, opportunities
from vip.matching.ranking.ranked import Blocks, Ranked
from vip.matching.ranking.records import MigrantRecord, Safeguards, SponsorRecord

from tests.matching.ranking import brute_force

ON = date(2026, 11, 22)


def _market(
    market_seed: int, n: int
) -> tuple[list[MigrantRecord], list[SponsorRecord], Blocks, np.random.Generator]:
    rng = np.random.default_rng(market_seed)
    migrants = [random_migrant(rng, i, SMALL_VOCABULARIES, ON) for i in range(n)]
    requests = [random_request(rng, i, SMALL_VOCABULARIES, ON) for i in range(n)]
    blocks = Blocks()
    for _ in range(n // 4):
        blocks.block(requests[int(rng.integers(n))].sponsor_id, int(rng.integers(n)))
    return migrants, requests, blocks, rng


def _points(results: list[Ranked]) -> list[tuple[int, int]]:
    return [(r.id, round(r.score * 1000)) for r in results]


def _fast_and_brute(
    market_seed: int, n: int, k: int, min_adults: int
) -> Iterator[tuple[list[Ranked], list[tuple[int, int]]]]:
    """Both rankings for a few requests (candidates), then for a few migrants (opportunities)."""
    migrants, requests, blocks, _ = _market(market_seed, n)
    safeguards = Safeguards(min_adults_for_safeguarded=min_adults)
    migrant_index = CandidateIndex.build(migrants, SMALL_VOCABULARIES)
    request_index = OpportunityIndex.build(requests, SMALL_VOCABULARIES)
    for request in requests[:6]:
        yield (
            candidates(migrant_index, request, on=ON, k=k, blocks=blocks, safeguards=safeguards),
            brute_force.candidates(migrants, request, ON, k, blocks, safeguards),
        )
    for migrant in migrants[:6]:
        yield (
            opportunities(request_index, migrant, on=ON, k=k, blocks=blocks, safeguards=safeguards),
            brute_force.opportunities(requests, migrant, ON, k, blocks, safeguards),
        )


@seed(4101)
@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 120), st.integers(1, 30), st.integers(1, 3))
def test_fast_candidates_and_opportunities_equal_the_brute_force_ranking(
    market_seed: int, n: int, k: int, min_adults: int
) -> None:
    for fast, expected in _fast_and_brute(market_seed, n, k, min_adults):
        assert _points(fast) == expected


@seed(4103)
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 80))
def test_incremental_updates_rank_like_a_fresh_build(market_seed: int, n: int) -> None:
    migrants, requests, blocks, rng = _market(market_seed, n)
    index = CandidateIndex(SMALL_VOCABULARIES)
    live: dict[int, MigrantRecord] = {}
    for step in range(3 * n):
        m = migrants[int(rng.integers(n))]
        if rng.random() < 0.3:
            assert index.remove(m.id) == (m.id in live)
            live.pop(m.id, None)
        else:
            changed = random_migrant(rng, m.id, SMALL_VOCABULARIES, ON) if step % 2 else m
            index.upsert(changed)
            live[m.id] = changed
    assert len(index) == len(live)
    fresh = CandidateIndex.build(live.values(), SMALL_VOCABULARIES)
    for request in requests[:8]:
        assert _points(candidates(index, request, on=ON, k=10, blocks=blocks)) == _points(
            candidates(fresh, request, on=ON, k=10, blocks=blocks)
        )

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np

from vip.bench.synthetic import SMALL_VOCABULARIES, random_migrant
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.opportunities import OpportunityIndex, opportunities
from vip.matching.ranking.records import MigrantRecord, SponsorRecord

ON = date(2026, 11, 22)


def _crowd(n: int) -> list[MigrantRecord]:
    rng = np.random.default_rng(4301)
    return [random_migrant(rng, i, SMALL_VOCABULARIES, ON) for i in range(n)]


def test_bishal_is_among_anthonys_top_candidates_with_his_reasons(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    index = CandidateIndex.build([*_crowd(3000), bishal], SMALL_VOCABULARIES)
    results = candidates(index, anthony, on=ON, k=20)
    found = next(r for r in results if r.id == bishal.id)
    assert found.score >= results[-1].score
    assert tuple(map(str, found.reasons))[:4] == (
        "speaks English B2",
        "3 years in construction",
        "verified clean record",
        "verified health clearance",
    )
    assert "both like cricket" in tuple(map(str, found.reasons))
    assert "both like football" in tuple(map(str, found.reasons))
    assert "pay meets the worker's expectation" in tuple(map(str, found.reasons))


def test_anthonys_request_is_among_bishals_opportunities(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    index = OpportunityIndex.build([anthony], SMALL_VOCABULARIES)
    [found] = opportunities(index, bishal, on=ON)
    assert found.id == anthony.id
    assert "housing meets the worker's need (private room)" in tuple(map(str, found.reasons))


def test_a_sector_the_community_does_not_allow_shows_no_one(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    index = CandidateIndex.build([bishal], SMALL_VOCABULARIES)
    closed = replace(anthony, allowed_sectors=frozenset({"care"}))
    assert candidates(index, closed, on=ON) == []


def test_a_migrant_who_asks_for_other_adults_never_sees_a_single_adult_household(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    index = CandidateIndex.build([replace(bishal, wants_other_adults=True)], SMALL_VOCABULARIES)
    alone = replace(anthony, household_adults=1)
    assert candidates(index, alone, on=ON) == []
    assert [r.id for r in candidates(index, anthony, on=ON)] == [bishal.id]

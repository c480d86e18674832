from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np

from vip.matching.candidates import candidates
from vip.matching.index import CandidateIndex
from vip.matching.opportunities import OpportunityIndex, opportunities
from vip.matching.records import MigrantRecord, SponsorRecord
from vip.matching.synthetic import SMALL_VOCABULARIES, random_migrant

ON = date(2026, 11, 22)
BISHAL = MigrantRecord(
    id=5000,
    birth_date=date(2000, 4, 14),
    available_from=date(2026, 12, 1),
    languages={"ne": "C2", "en": "B2", "hi": "B1"},
    sectors={"construction": 3},
    clean_record=True,
    health=True,
    jurisdictions=frozenset({"US"}),
    interests=frozenset({"football", "cricket"}),
    heritage=frozenset({"NP"}),
    religion="hindu",
    pay_expectation=1_000_000,
    housing_need="private_room",
    preferences=frozenset({"pay", "housing"}),
)
ANTHONY = SponsorRecord(
    id=1,
    sponsor_id=1,
    jurisdiction="US",
    start_date=date(2027, 1, 1),
    age_min=20,
    age_max=29,
    languages_required={"en": "B1"},
    sectors_required={"construction": 1},
    clean_record=True,
    health_clearance=True,
    household_adults=2,
    languages={"en": "C2", "es": "B1"},
    interests=frozenset({"football", "cricket", "music"}),
    annual_pay=1_200_000,
    housing="private_room",
    preferences=frozenset({"interests", "experience"}),
)


def _crowd(n: int) -> list[MigrantRecord]:
    rng = np.random.default_rng(4301)
    return [random_migrant(rng, i, SMALL_VOCABULARIES, ON) for i in range(n)]


def test_bishal_is_among_anthonys_top_candidates_with_his_reasons() -> None:
    index = CandidateIndex.build([*_crowd(3000), BISHAL], SMALL_VOCABULARIES)
    results = candidates(index, ANTHONY, on=ON, k=20)
    bishal = next(r for r in results if r.id == BISHAL.id)
    assert bishal.score >= results[-1].score
    assert bishal.reasons[:4] == (
        "speaks English B2",
        "3 years in construction",
        "verified clean record",
        "verified health clearance",
    )
    assert "both like cricket" in bishal.reasons
    assert "both like football" in bishal.reasons
    assert "pay meets his expectation" in bishal.reasons


def test_anthonys_request_is_among_bishals_opportunities() -> None:
    index = OpportunityIndex.build([ANTHONY], SMALL_VOCABULARIES)
    [anthony] = opportunities(index, BISHAL, on=ON)
    assert anthony.id == ANTHONY.id
    assert "housing meets his need (private room)" in anthony.reasons


def test_a_sector_the_community_does_not_allow_shows_no_one() -> None:
    index = CandidateIndex.build([BISHAL], SMALL_VOCABULARIES)
    closed = replace(ANTHONY, allowed_sectors=frozenset({"care"}))
    assert candidates(index, closed, on=ON) == []


def test_a_migrant_who_asks_for_other_adults_never_sees_a_single_adult_household() -> None:
    index = CandidateIndex.build([replace(BISHAL, wants_other_adults=True)], SMALL_VOCABULARIES)
    alone = replace(ANTHONY, household_adults=1)
    assert candidates(index, alone, on=ON) == []
    assert [r.id for r in candidates(index, ANTHONY, on=ON)] == [BISHAL.id]

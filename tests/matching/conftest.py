"""The seed story's people, as the ranking sees them."""

from __future__ import annotations

from datetime import date

import pytest

from vip.matching.ranking.records import MigrantRecord, SponsorRecord

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
    preferences=frozenset({"interests", "pay", "housing"}),
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
    preferences=frozenset({"interests", "experience", "pay", "housing"}),
)


@pytest.fixture
def bishal() -> MigrantRecord:
    return BISHAL


@pytest.fixture
def anthony() -> SponsorRecord:
    return ANTHONY

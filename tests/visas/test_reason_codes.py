"""Every rule of the decision, one at a time: each breach names its stable code and parameter."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vip.money import Money
from vip.policy.parameters import parameters
from vip.visas.rules import ApplicationFacts, CommunityFacts, InsuranceFacts, decide

DAY = dt.date(2026, 6, 1)
US = parameters("US", DAY)


def good_community(**changes: Any) -> CommunityFacts:
    base = CommunityFacts(
        population=60_000,
        live_visas=10,
        household_live_visas=0,
        max_active_visas=None,
        max_per_1000_residents=Fraction(20),
        max_per_household=1,
        allowed_sectors=None,
        open_zone=False,
    )
    return dataclasses.replace(base, **changes)


def good_facts(**changes: Any) -> ApplicationFacts:
    """Anthony applies for Bishal: every rule passes."""
    base = ApplicationFacts(
        params=US,
        is_transfer=False,
        sponsor_identity_verified=True,
        sponsor_citizen=True,
        sponsor_age=42,
        sponsor_has_live_visa=False,
        sponsor_unpaid_fines=0,
        migrant_identity_verified=True,
        migrant_age=26,
        migrant_has_live_visa=False,
        migrant_barred_until=None,
        migrant_under_deportation_order=False,
        migrant_under_enforcement=False,
        agreement_status="signed",
        annual_pay=Money(12_000_00, "USD"),
        gain_share=Fraction(1, 2),
        start_date=DAY,
        duration_months=12,
        sector="construction",
        insurance=InsuranceFacts(Money(100_000_00, "USD"), DAY, dt.date(2027, 5, 31)),
        community=good_community(),
    )
    return dataclasses.replace(base, **changes)


def test_anthony_and_bishal_are_approved_when_every_rule_passes() -> None:
    assert decide(good_facts()).outcome == "approved"
    assert decide(good_facts()).reasons == []


BREACHES: dict[str, dict[str, Any]] = {
    "SPONSOR_NOT_VERIFIED": {"sponsor_identity_verified": False},
    "SPONSOR_NOT_CITIZEN": {"sponsor_citizen": False},
    "SPONSOR_UNDER_MIN_AGE": {"sponsor_age": 17},
    "SPONSOR_HAS_ACTIVE_SPONSORSHIP": {"sponsor_has_live_visa": True},
    "SPONSOR_HAS_UNPAID_FINES": {"sponsor_unpaid_fines": 1},
    "MIGRANT_NOT_VERIFIED": {"migrant_identity_verified": False},
    "MIGRANT_UNDER_MIN_AGE": {"migrant_age": 16},
    "MIGRANT_HAS_ACTIVE_VISA": {"migrant_has_live_visa": True},
    "MIGRANT_BARRED": {"migrant_barred_until": DAY + dt.timedelta(days=365)},
    "MIGRANT_UNDER_DEPORTATION_ORDER": {"migrant_under_deportation_order": True},
    "MIGRANT_UNDER_ENFORCEMENT": {"migrant_under_enforcement": True},
    "AGREEMENT_NOT_SIGNED": {"agreement_status": "offered"},
    "AGREEMENT_ALREADY_USED": {"agreement_status": "used"},
    "AGREEMENT_TOO_LONG": {"duration_months": 61},
    "PAY_BELOW_FLOOR": {"annual_pay": Money(9_999_99, "USD")},
    "GAIN_SHARE_ABOVE_MAX": {"gain_share": Fraction(501, 1000)},
    "START_DATE_IN_PAST": {"params": parameters("US", DAY + dt.timedelta(days=1))},
    "INSURANCE_MISSING": {"insurance": None},
    "INSURANCE_COVERAGE_TOO_LOW": {
        "insurance": InsuranceFacts(Money(99_999_99, "USD"), DAY, dt.date(2027, 5, 31))
    },
    "INSURANCE_PERIOD_TOO_SHORT": {
        "insurance": InsuranceFacts(Money(100_000_00, "USD"), DAY, dt.date(2027, 5, 30))
    },
    "COMMUNITY_CAP_REACHED": {"community": good_community(live_visas=1200)},
    "HOUSEHOLD_CAP_REACHED": {"community": good_community(household_live_visas=1)},
    "SECTOR_NOT_ALLOWED": {"community": good_community(allowed_sectors=["care"])},
}
PARAMETERS = {
    "SPONSOR_UNDER_MIN_AGE": "sponsor.min_age",
    "PAY_BELOW_FLOOR": "pay.floor_annual",
    "GAIN_SHARE_ABOVE_MAX": "gain_share.max_fraction",
    "INSURANCE_COVERAGE_TOO_LOW": "insurance.min_coverage",
    "COMMUNITY_CAP_REACHED": "community.max_active_visas",
}


@pytest.mark.parametrize("code", sorted(BREACHES))
def test_each_breach_refuses_the_visa_with_its_own_code(code: str) -> None:
    decision = decide(good_facts(**BREACHES[code]))
    assert decision.outcome == "refused"
    assert [reason.code for reason in decision.reasons] == [code]
    if code in PARAMETERS:
        assert decision.reasons[0].parameter == PARAMETERS[code]


def test_the_cap_per_thousand_residents_counts_whole_visas() -> None:
    at_cap = good_community(population=999, max_per_1000_residents=Fraction(2), live_visas=1)
    assert decide(good_facts(community=at_cap)).reasons[0].code == "COMMUNITY_CAP_REACHED"
    below = good_community(population=1000, max_per_1000_residents=Fraction(2), live_visas=1)
    assert decide(good_facts(community=below)).outcome == "approved"


def test_the_stricter_of_the_absolute_and_relative_caps_applies() -> None:
    both = good_community(max_active_visas=5, live_visas=5)
    assert decide(good_facts(community=both)).reasons[0].code == "COMMUNITY_CAP_REACHED"


def test_an_open_zone_lifts_the_community_limits() -> None:
    zone = good_community(
        live_visas=10**6, household_live_visas=9, allowed_sectors=[], open_zone=True
    )
    assert decide(good_facts(community=zone)).outcome == "approved"


def test_a_sponsor_with_unpaid_fines_may_sponsor_where_the_parameters_allow_it() -> None:
    lenient = US.jurisdiction.on(DAY, {"sponsor.may_sponsor_with_unpaid_fines": True})
    assert decide(good_facts(params=lenient, sponsor_unpaid_fines=2)).outcome == "approved"


def test_pay_below_the_minimum_wage_but_above_the_vip_floor_is_allowed() -> None:
    # The US federal minimum wage is about $15,000 a year full time; VIP may pay less.
    assert decide(good_facts(annual_pay=Money(10_000_00, "USD"))).outcome == "approved"


def test_manual_review_routes_a_clean_application_to_the_authority() -> None:
    canada = parameters("CA", dt.date(2027, 6, 1))
    facts = good_facts(
        params=canada,
        annual_pay=Money(14_000_00, "CAD"),
        start_date=canada.day,
        insurance=InsuranceFacts(Money(120_000_00, "CAD"), canada.day, dt.date(2028, 5, 31)),
    )
    decision = decide(facts)
    assert decision.outcome == "review"
    assert decision.reasons[0].parameter == "decision.manual_review"


def test_a_transfer_is_decided_at_once_even_under_manual_review() -> None:
    canada = parameters("CA", dt.date(2027, 6, 1))
    facts = good_facts(
        params=canada,
        is_transfer=True,
        annual_pay=Money(14_000_00, "CAD"),
        start_date=canada.day,
        insurance=InsuranceFacts(Money(120_000_00, "CAD"), canada.day, dt.date(2028, 5, 31)),
    )
    assert decide(facts).outcome == "approved"


@given(st.sets(st.sampled_from(sorted(BREACHES))))
def test_a_decision_lists_every_breached_rule_and_only_those(codes: set[str]) -> None:
    changes: dict[str, Any] = {}
    community: dict[str, Any] = {}
    for code in codes:
        breach = dict(BREACHES[code])
        if "community" in breach:
            # Combine community breaches into one community rather than overwrite each other.
            community.update(
                {
                    k: v
                    for k, v in dataclasses.asdict(breach.pop("community")).items()
                    if v != getattr(good_community(), k)
                }
            )
        changes.update(breach)
    if {"AGREEMENT_NOT_SIGNED", "AGREEMENT_ALREADY_USED"} <= codes:
        codes = codes - {"AGREEMENT_NOT_SIGNED"}  # one status: a used agreement was signed
        changes["agreement_status"] = "used"
    if "INSURANCE_MISSING" in codes:
        changes["insurance"] = None
        codes = codes - {"INSURANCE_COVERAGE_TOO_LOW", "INSURANCE_PERIOD_TOO_SHORT"}
    if {"INSURANCE_COVERAGE_TOO_LOW", "INSURANCE_PERIOD_TOO_SHORT"} <= codes:
        changes["insurance"] = InsuranceFacts(Money(1, "USD"), DAY, DAY)
    decision = decide(good_facts(community=good_community(**community), **changes))
    assert {reason.code for reason in decision.reasons} == codes
    assert decision.outcome == ("refused" if codes else "approved")

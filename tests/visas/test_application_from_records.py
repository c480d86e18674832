"""Each reason code triggered from the records themselves, through the application service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from vip.agreements.models import Agreement
from vip.clock import today
from vip.communities import services as communities
from vip.people import services as people
from vip.people.models import Role, User
from vip.visas import services as visas
from vip.visas.models import Visa

from tests.cast import (
    active_visa,
    insurance,
    migrant,
    seed_terms,
    signed_agreement,
    sponsor,
    visa_for,
)

World = dict[str, User]


def apply(world: World, **terms: object) -> Visa:
    return visa_for(world["anthony"], world["bishal"], **terms)  # type: ignore[arg-type]


def unverified_sponsor(w: World) -> Visa:
    dan = sponsor(w["authority"], "Dan", verify=())
    return visa_for(dan, w["bishal"])


def foreign_sponsor(w: World) -> Visa:
    erin = sponsor(w["authority"], "Erin", country="CA")
    return visa_for(erin, w["bishal"])


def young_sponsor(w: World) -> Visa:
    return visa_for(sponsor(w["authority"], "Finn", age=17), w["bishal"])


def busy_sponsor(w: World) -> Visa:
    active_visa(w["anthony"], migrant(w["authority"], "Gita"))
    return apply(w)


def fined_sponsor(w: World) -> Visa:
    gita = migrant(w["authority"], "Gita")
    visa = active_visa(w["anthony"], gita)
    visas.report_event(user=gita, visa_id=visa.pk, kind="left", occurred_on=today(), details={})
    visa2 = active_visa(w["anthony"], migrant(w["authority"], "Hari"))
    visas.report_event(
        user=w["authority"],
        visa_id=visa2.pk,
        kind="crime_convicted",
        occurred_on=today(),
        details={},
    )
    return apply(w)


def unverified_migrant(w: World) -> Visa:
    return visa_for(w["anthony"], migrant(w["authority"], "Ila", verify=()))


def migrant_with_visa(w: World) -> Visa:
    visa_for(w["carol"], w["bishal"])
    return apply(w)


def barred_migrant(w: World) -> Visa:
    profile = w["bishal"].migrant_profile
    profile.barred_until = today() + dt.timedelta(days=365)
    profile.save(update_fields=["barred_until"])
    return apply(w)


def unsigned(w: World) -> Visa:
    from vip.agreements import services as agreements

    offer = agreements.offer(
        user=w["anthony"],
        sponsor=w["anthony"],
        migrant_id=w["bishal"].pk,
        terms=seed_terms(),
    )
    return visas.apply(user=w["anthony"], agreement_id=offer.pk, insurance=insurance(offer))


def signed_then(w: World, **changed: object) -> Visa:
    """Terms lawful when offered and signed, unlawful by the application: the offer's check does
    not spare the application's (as if the floor or the cap had changed meanwhile)."""
    agreement = signed_agreement(w["anthony"], w["bishal"])
    Agreement.objects.filter(pk=agreement.pk).update(**changed)
    return visas.apply(user=w["anthony"], agreement_id=agreement.pk, insurance=insurance(agreement))


def low_pay(w: World) -> Visa:
    return signed_then(w, annual_pay=9_000_00)


def greedy_share(w: World) -> Visa:
    return signed_then(w, gain_share_numerator=2, gain_share_denominator=3)


def too_long(w: World) -> Visa:
    return signed_then(w, duration_months=61)


def start_passed(w: World) -> Visa:
    """Signed a week ago to start that day, applied for only now."""
    agreement = signed_agreement(w["anthony"], w["bishal"])
    Agreement.objects.filter(pk=agreement.pk).update(start_date=today() - dt.timedelta(days=7))
    agreement.refresh_from_db()
    return visas.apply(user=w["anthony"], agreement_id=agreement.pk, insurance=insurance(agreement))


def absconded(w: World) -> Visa:
    """His visa with Carol: he disappeared, and the enforcement case is open."""
    old = active_visa(w["carol"], w["bishal"])
    visas.report_event(
        user=w["carol"], visa_id=old.pk, kind="disappeared", occurred_on=today(), details={}
    )
    return old


def migrant_sought(w: World) -> Visa:
    absconded(w)
    return apply(w)


def migrant_under_order(w: World) -> Visa:
    """Found after disappearing: his old visa revoked, the order effective, not yet carried out."""
    old = absconded(w)
    visas.report_event(
        user=w["authority"], visa_id=old.pk, kind="found", occurred_on=today(), details={}
    )
    return apply(w)


def no_insurance(w: World) -> Visa:
    agreement = signed_agreement(w["anthony"], w["bishal"])
    return visas.apply(user=w["anthony"], agreement_id=agreement.pk, insurance=None)


def thin_insurance(w: World) -> Visa:
    agreement = signed_agreement(w["anthony"], w["bishal"])
    return visas.apply(
        user=w["anthony"],
        agreement_id=agreement.pk,
        insurance=insurance(agreement, coverage=50_000_00),
    )


def short_insurance(w: World) -> Visa:
    agreement = signed_agreement(w["anthony"], w["bishal"])
    return visas.apply(
        user=w["anthony"], agreement_id=agreement.pk, insurance=insurance(agreement, months=6)
    )


def capped(w: World, **rules: object) -> None:
    base: dict[str, object] = {
        "effective_from": None,
        "max_active_visas": None,
        "max_per_1000_residents": None,
        "max_per_household": None,
        "allowed_sectors": None,
        "open_zone": False,
    }
    communities.set_rules(user=w["officer"], community_code="springfield", **{**base, **rules})


def full_community(w: World) -> Visa:
    capped(w, max_active_visas=1)
    visa_for(w["carol"], migrant(w["authority"], "Jyoti"))
    return apply(w)


def full_household(w: World) -> Visa:
    capped(w, max_per_household=1)
    for resident in (w["carol"], w["anthony"]):
        people.assign_household(user=w["officer"], person_id=resident.pk, household="12 Elm Street")
    visa_for(w["carol"], migrant(w["authority"], "Jyoti"))
    return apply(w)


def sector_closed(w: World) -> Visa:
    capped(w, allowed_sectors=["care", "agriculture"])
    return apply(w)


SCENARIOS: dict[str, Callable[[World], Visa]] = {
    "SPONSOR_NOT_VERIFIED": unverified_sponsor,
    "SPONSOR_NOT_CITIZEN": foreign_sponsor,
    "SPONSOR_UNDER_MIN_AGE": young_sponsor,
    "SPONSOR_HAS_ACTIVE_SPONSORSHIP": busy_sponsor,
    "SPONSOR_HAS_UNPAID_FINES": fined_sponsor,
    "MIGRANT_NOT_VERIFIED": unverified_migrant,
    "MIGRANT_HAS_ACTIVE_VISA": migrant_with_visa,
    "MIGRANT_BARRED": barred_migrant,
    "AGREEMENT_NOT_SIGNED": unsigned,
    "PAY_BELOW_FLOOR": low_pay,
    "GAIN_SHARE_ABOVE_MAX": greedy_share,
    "AGREEMENT_TOO_LONG": too_long,
    "START_DATE_IN_PAST": start_passed,
    "MIGRANT_UNDER_ENFORCEMENT": migrant_sought,
    "MIGRANT_UNDER_DEPORTATION_ORDER": migrant_under_order,
    "INSURANCE_MISSING": no_insurance,
    "INSURANCE_COVERAGE_TOO_LOW": thin_insurance,
    "INSURANCE_PERIOD_TOO_SHORT": short_insurance,
    "COMMUNITY_CAP_REACHED": full_community,
    "HOUSEHOLD_CAP_REACHED": full_household,
    "SECTOR_NOT_ALLOWED": sector_closed,
}


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_the_records_trigger_the_reason_code(code: str, story: World) -> None:
    visa = SCENARIOS[code](story)
    assert visa.status == "refused"
    assert code in {reason["code"] for reason in visa.reasons}


def test_under_an_order_carried_out_he_is_barred_not_under_the_order(story: World) -> None:
    old = absconded(story)
    for kind in ("found", "deported"):
        visas.report_event(
            user=story["authority"], visa_id=old.pk, kind=kind, occurred_on=today(), details={}
        )
    codes = {reason["code"] for reason in apply(story).reasons}
    assert "MIGRANT_BARRED" in codes
    assert not codes & {"MIGRANT_UNDER_DEPORTATION_ORDER", "MIGRANT_UNDER_ENFORCEMENT"}


def test_a_refusal_records_who_applied_and_why(story: World) -> None:
    visa = no_insurance(story)
    change = visa.status_changes.get()
    assert (change.to_status, change.actor, change.reason) == (
        "refused",
        story["anthony"],
        "INSURANCE_MISSING",
    )


def test_a_cap_per_thousand_counts_the_communitys_population(story: World) -> None:
    communities.create_community(
        authority=story["authority"],
        code="hamlet",
        name="Hamlet",
        jurisdiction_code="US",
        population=100,
    )
    communities.set_rules(
        user=story["authority"],
        community_code="hamlet",
        effective_from=None,
        max_active_visas=None,
        max_per_1000_residents=Decimal("10"),
        max_per_household=None,
        allowed_sectors=None,
        open_zone=False,
    )
    kim = sponsor(story["authority"], "Kim", community="hamlet")
    lee = sponsor(story["authority"], "Lee", community="hamlet")
    assert visa_for(kim, story["bishal"]).status == "approved"  # 10 per 1000 of 100 = 1
    refused = visa_for(lee, migrant(story["authority"], "Mina"))
    assert refused.reasons[0]["code"] == "COMMUNITY_CAP_REACHED"


def test_rules_take_effect_on_their_date(story: World) -> None:
    capped(story, max_active_visas=0, effective_from=today() + dt.timedelta(days=30))
    assert apply(story).status == "approved"


def test_only_the_officer_of_a_community_or_the_authority_sets_its_rules(story: World) -> None:
    from vip.errors import Forbidden

    with pytest.raises(Forbidden):
        communities.set_rules(
            user=story["anthony"],
            community_code="springfield",
            effective_from=None,
            max_active_visas=0,
            max_per_1000_residents=None,
            max_per_household=None,
            allowed_sectors=None,
            open_zone=False,
        )
    assert story["officer"].role == Role.OFFICER


def test_after_leaving_he_comes_back_only_on_a_new_signature(story: World) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    visas.report_event(
        user=story["bishal"], visa_id=visa.pk, kind="left", occurred_on=today(), details={}
    )
    again = visas.apply(
        user=story["anthony"], agreement_id=visa.agreement_id, insurance=insurance(visa.agreement)
    )
    assert [r["code"] for r in again.reasons] == ["AGREEMENT_ALREADY_USED"]
    assert visa_for(story["anthony"], story["bishal"]).status == "approved"


def test_a_transfer_within_a_full_community_is_not_refused_for_the_cap(story: World) -> None:
    capped(story, max_active_visas=1)
    old = active_visa(story["anthony"], story["bishal"])
    moved = visa_for(story["carol"], story["bishal"])
    assert (moved.status, moved.transferred_from_id) == ("active", old.pk)

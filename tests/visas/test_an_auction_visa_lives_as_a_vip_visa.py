"""An auction visa has the VIP visa's life (arrival, work, leaving, its term's end), with no
sponsor to fine or to owe support: what falls on a sponsor falls on nobody."""

from __future__ import annotations

import datetime as dt

import pytest

from vip.auctions import services as auctions
from vip.calendar import add_months
from vip.clock import today
from vip.people.models import User
from vip.visas import services
from vip.visas.models import Event, Fine, Status, SupportObligation, Visa
from vip.visas.selectors import foreseen_consequences, visible_visas

from tests.auctions.life import usd
from tests.auctions.seats import cleared_with, cover

pytestmark = pytest.mark.database


def auction_visa(authority: User, person: User) -> Visa:
    _, registered = cleared_with(authority, {person: 5000_00})
    auctions.record_payment(authority=authority, registration_id=registered[person].pk)
    return auctions.issue_visa(
        authority=authority, registration_id=registered[person].pk, insurance=cover()
    )


def test_an_auction_visa_lives_with_no_sponsor(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    visa = auction_visa(authority, bishal)
    assert visa in visible_visas(bishal) and visa in visible_visas(authority)
    assert visa not in visible_visas(story["anthony"])
    services.report_event(
        user=authority, visa_id=visa.pk, kind=Event.ARRIVED, occurred_on=today(), details={}
    )
    assert foreseen_consequences(visa, Event.UNEMPLOYED, today()) == []
    _, done = services.report_event(
        user=bishal, visa_id=visa.pk, kind=Event.UNEMPLOYED, occurred_on=today(), details={}
    )
    assert done == [] and not SupportObligation.objects.exists()
    _, fined = services.report_event(
        user=authority, visa_id=visa.pk, kind=Event.DISAPPEARED, occurred_on=today(), details={}
    )
    assert [c.kind for c in fined] == ["enforcement_case"] and not Fine.objects.exists()
    visa.refresh_from_db()
    assert visa.status == Status.ABSCONDED


def test_an_auction_visa_completes_at_the_end_of_its_term(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    visa = auction_visa(authority, bishal)
    services.report_event(
        user=authority, visa_id=visa.pk, kind=Event.ARRIVED, occurred_on=today(), details={}
    )
    Visa.objects.filter(pk=visa.pk).update(starts_on=add_months(today(), -24))
    assert services.complete_ended_visas(day=today()) == 1
    visa.refresh_from_db()
    assert visa.status == Status.COMPLETED


def test_a_migrant_reports_earnings_on_an_auction_visa_and_owes_no_share(
    story: dict[str, User],
) -> None:
    authority, bishal = story["authority"], story["bishal"]
    visa = auction_visa(authority, bishal)
    services.report_event(
        user=authority, visa_id=visa.pk, kind=Event.ARRIVED, occurred_on=today(), details={}
    )
    Visa.objects.filter(pk=visa.pk).update(applied_at=visa.applied_at - dt.timedelta(days=62))
    month = today().replace(day=1) - dt.timedelta(days=1)
    report = services.report_earnings(
        user=bishal, visa_id=visa.pk, month=month, amount=usd(3000_00)
    )
    assert report.gain_share == 0

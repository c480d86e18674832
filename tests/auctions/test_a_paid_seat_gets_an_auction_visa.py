"""A winner who has paid gets an `auction` visa by the VIP visa's rules for the migrant and his
insurance, with no sponsor; refused, he gets back everything he paid and the seat goes on to the
next bidder; the settlement waits for every paid seat's visa."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum

from vip.auctions import services
from vip.auctions.models import AuctionStatus, Registration, SeatStatus
from vip.audit.models import Action, AuditEvent
from vip.clock import today
from vip.errors import Conflict
from vip.ledger.models import Leg
from vip.ledger.selectors import check_books
from vip.people.models import User
from vip.visas.models import Status, Visa, VisaKind

from tests.auctions.seats import cleared_with, cover
from tests.cast import migrant

pytestmark = pytest.mark.database


def balance(code: str) -> int:
    return int(Leg.objects.filter(account__code=code).aggregate(t=Sum("amount"))["t"] or 0)


def test_a_paid_seat_gets_an_auction_visa_with_no_sponsor(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    dawa = migrant(authority, "Dawa")
    auction, registered = cleared_with(authority, {bishal: 5000_00, dawa: 4000_00}, quota=1)
    mine = registered[bishal]
    with pytest.raises(Conflict) as unpaid:
        services.issue_visa(authority=authority, registration_id=mine.pk, insurance=cover())
    assert unpaid.value.code == "SEAT_NOT_PAID"
    services.record_payment(authority=authority, registration_id=mine.pk)
    with pytest.raises(Conflict) as waiting:
        services.settle(actor=authority, code=auction.code)
    assert waiting.value.code == "SEATS_AWAIT_VISA"

    visa = services.issue_visa(authority=authority, registration_id=mine.pk, insurance=cover())
    assert (visa.kind, visa.status, visa.outcome, visa.reasons) == (
        VisaKind.AUCTION,
        Status.APPROVED,
        "approved",
        [],
    )
    assert visa.sponsor is None and visa.agreement is None and visa.community is None
    assert visa.term() == (today(), auction.term_months)
    assert visa.insurance.policy_number == "MH-7"
    assert Registration.objects.get(pk=mine.pk).visa_id == visa.pk
    event = AuditEvent.objects.get(action=Action.SEAT_VISA_DECIDED)
    assert event.data["outcome"] == "approved" and event.data["visa"] == visa.pk
    with pytest.raises(Conflict) as twice:
        services.issue_visa(authority=authority, registration_id=mine.pk, insurance=cover())
    assert twice.value.code == "SEAT_NOT_PAID"

    assert balance(f"auction:{auction.code}:revenue") == 4000_00 * 2  # two visa-years
    settled = services.settle(actor=authority, code=auction.code)
    assert settled.status == AuctionStatus.SETTLED
    assert check_books().ok


def test_a_refused_winner_is_refunded_and_the_next_bidder_offered(
    story: dict[str, User],
) -> None:
    authority, bishal = story["authority"], story["bishal"]
    dawa = migrant(authority, "Dawa")
    auction, registered = cleared_with(authority, {bishal: 5000_00, dawa: 4000_00}, quota=1)
    mine = registered[bishal]
    services.record_payment(authority=authority, registration_id=mine.pk)
    revenue = f"auction:{auction.code}:revenue"
    assert balance(revenue) == 4000_00 * 2

    visa = services.issue_visa(authority=authority, registration_id=mine.pk, insurance=None)
    assert (visa.kind, visa.status) == (VisaKind.AUCTION, Status.REFUSED)
    assert [r["code"] for r in visa.reasons] == ["INSURANCE_MISSING"]
    mine.refresh_from_db()
    assert mine.seat == SeatStatus.REFUSED and mine.refunded_at is not None
    assert balance(revenue) == 0  # the price, his deposit in it, back to him
    assert balance(f"auction:{auction.code}:deposits") == auction.deposit  # Dawa's, held
    refunds = AuditEvent.objects.filter(action=Action.SEAT_VISA_DECIDED, data__outcome="refused")
    assert refunds.count() == 1
    following = Registration.objects.get(pk=registered[dawa].pk)
    assert following.seat == SeatStatus.OFFERED  # at the same price

    services.record_payment(authority=authority, registration_id=following.pk)
    services.issue_visa(authority=authority, registration_id=following.pk, insurance=cover())
    assert balance(revenue) == 4000_00 * 2
    services.settle(actor=authority, code=auction.code)
    assert balance(f"auction:{auction.code}:deposits") == 0
    mine.refresh_from_db()
    assert mine.seat == SeatStatus.REFUSED  # not paid back twice
    assert check_books().ok


def test_a_winner_holding_a_visa_already_is_refused(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    _, registered = cleared_with(authority, {bishal: 5000_00})
    services.record_payment(authority=authority, registration_id=registered[bishal].pk)
    services.issue_visa(
        authority=authority, registration_id=registered[bishal].pk, insurance=cover()
    )
    _, more = cleared_with(authority, {bishal: 5000_00}, code="US-2027-2")
    services.record_payment(authority=authority, registration_id=more[bishal].pk)
    visa = services.issue_visa(
        authority=authority, registration_id=more[bishal].pk, insurance=cover()
    )
    assert [r["code"] for r in visa.reasons] == ["MIGRANT_HAS_ACTIVE_VISA"]


def test_the_database_refuses_a_vip_visa_without_a_sponsor(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    _, registered = cleared_with(authority, {bishal: 5000_00})
    services.record_payment(authority=authority, registration_id=registered[bishal].pk)
    visa = services.issue_visa(
        authority=authority, registration_id=registered[bishal].pk, insurance=cover()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Visa.objects.filter(pk=visa.pk).update(kind=VisaKind.VIP)
    with pytest.raises(IntegrityError), transaction.atomic():
        Visa.objects.filter(pk=visa.pk).update(starts_on=None)

"""An auction under real concurrency (PostgreSQL, 120 threads released at once): one person
registering again and again, bidding again and again, the authority settling again and again.
Exactly the allowed outcomes, and the books balanced."""

from __future__ import annotations

from functools import partial

import pytest

from vip.auctions import services
from vip.auctions.models import AuctionStatus, Bid, Registration
from vip.ledger.models import Transaction
from vip.ledger.selectors import check_books
from vip.people.models import User
from vip.visas.models import Visa

from tests.auctions.life import elapse, in_registration, usd
from tests.auctions.seats import cleared_with
from tests.cast import migrant
from tests.concurrency.race import ATTEMPTS, race, tally

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def register(person: User, code: str) -> Registration:
    return services.register(user=person, code=code, document_country="NP", document_number="P1")


def test_one_person_registering_at_once_is_registered_once(story: dict[str, User]) -> None:
    auction = in_registration(story["authority"])
    outcomes = race([partial(register, story["bishal"], auction.code) for _ in range(ATTEMPTS)])
    assert len([o for o in outcomes if o.value is not None]) == 1
    assert tally([o.code for o in outcomes if o.refusal]) == {"ALREADY_REGISTERED": ATTEMPTS - 1}
    assert Registration.objects.count() == 1
    assert Transaction.objects.filter(kind="auction_fee").count() == 1
    assert check_books().ok


def test_bids_placed_at_once_leave_one_bid_and_one_deposit(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    auction = in_registration(authority)
    registration = register(bishal, auction.code)
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=auction.code)
    amounts = [2000_00 + i for i in range(ATTEMPTS)]
    outcomes = race(
        [
            partial(services.place_bid, user=bishal, registration_id=registration.pk, amount=usd(a))
            for a in amounts
        ]
    )
    assert all(o.value is not None for o in outcomes)
    bid = Bid.objects.get()
    assert bid.amount in amounts
    assert Transaction.objects.filter(kind="auction_deposit").count() == 1
    assert check_books().ok


def test_an_auction_settled_at_once_is_settled_once(story: dict[str, User]) -> None:
    authority = story["authority"]
    auction = in_registration(authority)
    bidders = [migrant(authority, name) for name in ("Dawa", "Gita", "Hari")]
    registrations = [
        services.register(
            user=p, code=auction.code, document_country="NP", document_number=f"D{p.pk}"
        )
        for p in bidders
    ]
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=auction.code)
    for person, registration in zip(bidders, registrations, strict=True):
        # Below the reserve: nobody wins, every deposit goes back at the settlement.
        services.place_bid(user=person, registration_id=registration.pk, amount=usd(10_00))
    elapse(auction, 1)
    services.close_bidding(actor=authority, code=auction.code)
    services.clear_auction(actor=authority, code=auction.code)

    outcomes = race(
        [partial(services.settle, actor=authority, code=auction.code) for _ in range(ATTEMPTS)]
    )

    assert len([o for o in outcomes if o.value is not None]) == 1
    assert tally([o.code for o in outcomes if o.refusal]) == {"AUCTION_NOT_CLEARED": ATTEMPTS - 1}
    auction.refresh_from_db()
    assert auction.status == AuctionStatus.SETTLED
    assert Transaction.objects.filter(kind="auction_refund").count() == len(bidders)
    assert check_books().ok


def test_a_seats_visa_issued_at_once_is_issued_once(story: dict[str, User]) -> None:
    """Refused each time (no insurance), so a second issue would refund him twice: it must not."""
    authority, bishal = story["authority"], story["bishal"]
    _, registered = cleared_with(authority, {bishal: 5000_00})
    pk = registered[bishal].pk
    services.record_payment(authority=authority, registration_id=pk)
    outcomes = race(
        [
            partial(services.issue_visa, authority=authority, registration_id=pk, insurance=None)
            for _ in range(ATTEMPTS)
        ]
    )
    assert len([o for o in outcomes if o.value is not None]) == 1
    assert tally([o.code for o in outcomes if o.refusal]) == {"SEAT_NOT_PAID": ATTEMPTS - 1}
    assert Visa.objects.count() == 1
    assert Transaction.objects.filter(kind="auction_refund").count() == 1
    assert check_books().ok

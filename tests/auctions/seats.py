"""A cleared auction with winners to pay and visas to issue, shared by the seats' tests."""

from __future__ import annotations

import datetime as dt

from vip.auctions import services
from vip.auctions.models import Auction, Registration
from vip.calendar import add_months
from vip.clock import today
from vip.money import Money
from vip.people.models import User
from vip.visas.services import InsuranceTerms

from tests.auctions.life import elapse, in_registration, usd


def cleared_with(
    authority: User, bids: dict[User, int], quota: int = 2, **changes: object
) -> tuple[Auction, dict[User, Registration]]:
    """Each person registered and bidding his amount; the auction closed and cleared."""
    auction = in_registration(authority, quota=quota, **changes)
    registered = {
        person: services.register(
            user=person, code=auction.code, document_country="NP", document_number=f"D{person.pk}"
        )
        for person in bids
    }
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=auction.code)
    for person, amount in bids.items():
        services.place_bid(user=person, registration_id=registered[person].pk, amount=usd(amount))
    elapse(auction, 1)
    services.close_bidding(actor=authority, code=auction.code)
    cleared = services.clear_auction(actor=authority, code=auction.code)
    for registration in registered.values():
        registration.refresh_from_db()
    return cleared, registered


def cover(months: int = 24, coverage: int = 100_000_00) -> InsuranceTerms:
    """Health insurance from today over the auction's term."""
    return InsuranceTerms(
        provider="Mutual Health",
        policy_number="MH-7",
        coverage=Money(coverage, "USD"),
        valid_from=today(),
        valid_to=add_months(today(), months) - dt.timedelta(days=1),
    )

"""An auction to test with: US, a small quota, windows that a test moves past (`elapse`)."""

from __future__ import annotations

import datetime as dt

from vip.auctions import services
from vip.auctions.clearing import Rule
from vip.auctions.models import Auction
from vip.auctions.rules import Windows
from vip.clock import now
from vip.money import Money
from vip.people.models import User

HOUR = dt.timedelta(hours=1)


def terms(code: str = "US-2027-1", quota: int = 2, reserve: int = 1000_00, **changes: object):
    at = now()
    fields: dict[str, object] = {
        "code": code,
        "jurisdiction": "US",
        "quota": quota,
        "term_months": 24,
        "reserve": reserve,
        "windows": Windows(at - HOUR, at + HOUR, at + 2 * HOUR, at + 3 * HOUR),
        "rule": Rule.HIGHEST_REJECTED,
    }
    fields.update(changes)
    return services.AuctionTerms(**fields)  # type: ignore[arg-type]


def elapse(auction: Auction, hours: int) -> None:
    """As if `hours` had passed: every window of the auction (and any day to pay) moves back."""
    delta = hours * HOUR
    Auction.objects.filter(pk=auction.pk).update(
        registration_opens=auction.registration_opens - delta,
        registration_closes=auction.registration_closes - delta,
        bidding_opens=auction.bidding_opens - delta,
        bidding_closes=auction.bidding_closes - delta,
    )
    auction.refresh_from_db()


def in_registration(authority: User, **changes: object) -> Auction:
    auction = services.create_auction(authority=authority, terms=terms(**changes))
    services.open_registration(actor=authority, code=auction.code)
    return auction


def usd(amount: int) -> Money:
    return Money(amount, "USD")

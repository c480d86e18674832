"""What the auction's pages show: an auction's rules and calendar, where a migrant stands in it
and his result, in words. Read from vip.auctions' models, selectors and rules; no rule is decided
here (the services decide), only which page or button takes him further."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.auctions import rules
from vip.auctions.clearing import Rule
from vip.auctions.models import (
    Auction,
    AuctionStatus,
    Bid,
    Registration,
    RegistrationOutcome,
    SeatStatus,
)
from vip.auctions.selectors import (
    Dividend,
    auction_by_code,
    dividend_of,
    open_to,
    registration_in,
    registrations_of,
    revenue_of,
)
from vip.clock import now
from vip.money import Money
from vip.people.models import User
from vip.people.selectors import time_zone

RULE_WORDS: dict[Rule, Promise] = {
    Rule.HIGHEST_REJECTED: _(
        "The highest bids win, as many as there are visas. Every winner pays the same price: the"
        " highest bid that did not win. So you never pay your own bid, only what the next"
        " person offered; bidding what a visa is truly worth to you is safe."
    ),
    Rule.LOWEST_ACCEPTED: _(
        "The highest bids win, as many as there are visas. Every winner pays the same price: the"
        " lowest bid that won."
    ),
}
STATUS_WORDS: dict[AuctionStatus, Promise] = {
    AuctionStatus.SCHEDULED: _("Scheduled"),
    AuctionStatus.REGISTRATION: _("Registration open"),
    AuctionStatus.BIDDING: _("Bidding open"),
    AuctionStatus.CLOSED: _("Bidding closed"),
    AuctionStatus.CLEARED: _("Cleared"),
    AuctionStatus.SETTLED: _("Settled"),
}

# His result after the clearing, as the page says it.
WON, PAID, FORFEITED, REFUSED, STANDBY, LOST, NO_BID = (
    "won",
    "paid",
    "forfeited",
    "refused",
    "standby",
    "lost",
    "no_bid",
)
RESULT_OF_SEAT = {
    SeatStatus.OFFERED: WON,
    SeatStatus.PAID: PAID,
    SeatStatus.FORFEITED: FORFEITED,
    SeatStatus.REFUSED: REFUSED,
}
RESULT_OF_OUTCOME = {
    RegistrationOutcome.STANDBY: STANDBY,
    RegistrationOutcome.BELOW_RESERVE: LOST,
    RegistrationOutcome.DUPLICATE: LOST,
    RegistrationOutcome.NO_BID: NO_BID,
}


def status_word(auction: Auction) -> str:
    return str(STATUS_WORDS[AuctionStatus(auction.status)])


@dataclass(frozen=True)
class AuctionPage:
    auction: Auction
    status: str  # in words
    rule: str  # the pricing rule in plain words
    zone: str  # the times are shown in his time zone
    registration: Registration | None
    has_bid: bool
    registration_open: bool  # the register button is offered (the service decides)
    bidding_open: bool  # the bid button is offered to a registered bidder
    term_price: Money | None  # after the clearing: what a winner pays for the whole term
    still_to_pay: Money | None  # the term's price less his deposit
    result: str  # "" before the clearing; WON, PAID ... after

    @property
    def fee(self) -> Money:
        return Money(self.auction.registration_fee, self.auction.currency)

    @property
    def deposit(self) -> Money:
        return Money(self.auction.deposit, self.auction.currency)

    @property
    def reserve(self) -> Money:
        return Money(self.auction.reserve, self.auction.currency)

    @property
    def sealed(self) -> bool:
        return self.auction.status in {AuctionStatus.BIDDING, AuctionStatus.CLOSED}


def auction_page(person: User, code: str) -> AuctionPage:
    auction = auction_by_code(code)
    registration = registration_in(person, auction)
    status = AuctionStatus(auction.status)
    at = now()
    registration_open = status == AuctionStatus.REGISTRATION and rules.in_window(
        auction.registration_opens, auction.registration_closes, at
    )
    bidding_open = status == AuctionStatus.BIDDING and rules.in_window(
        auction.bidding_opens, auction.bidding_closes, at
    )
    term_price = (
        rules.seat_price(auction.price, auction.term_months, auction.currency)
        if auction.price is not None
        else None
    )
    deposit = Money(auction.deposit, auction.currency)
    return AuctionPage(
        auction=auction,
        status=status_word(auction),
        rule=str(RULE_WORDS[Rule(auction.rule)]),
        zone=time_zone(person),
        registration=registration,
        has_bid=registration is not None and Bid.objects.filter(registration=registration).exists(),
        registration_open=registration_open and registration is None,
        bidding_open=bidding_open and registration is not None,
        term_price=term_price,
        still_to_pay=term_price - deposit if term_price is not None else None,
        result=result_of(registration),
    )


def result_of(registration: Registration | None) -> str:
    if registration is None or not registration.outcome:
        return ""
    if registration.seat:
        return RESULT_OF_SEAT[SeatStatus(registration.seat)]
    return RESULT_OF_OUTCOME.get(RegistrationOutcome(registration.outcome), LOST)


@dataclass(frozen=True)
class Listed:
    auction: Auction
    status: str
    registered: bool


def auctions_of(migrant: User) -> list[Listed]:
    """The auctions open to him now and those he is registered in, the newest first."""
    mine = {r.auction_id: r.auction for r in registrations_of(migrant)}
    found = {a.pk: a for a in open_to(migrant)} | mine
    ordered = sorted(found.values(), key=lambda a: (a.registration_opens, a.pk), reverse=True)
    return [Listed(a, status_word(a), a.pk in mine) for a in ordered]


@dataclass(frozen=True)
class Results:
    """The public figures of an auction: nothing about any person."""

    auction: Auction
    status: str
    cleared: bool
    price: Money | None  # per visa-year
    term_price: Money | None
    revenue: Money  # the prices paid for the seats kept
    seats_paid: int
    dividend: Dividend | None  # the social dividend its settlement paid each citizen

    @property
    def reserve(self) -> Money:
        return Money(self.auction.reserve, self.auction.currency)


def results(code: str) -> Results:
    auction = auction_by_code(code)
    cleared = auction.status in {AuctionStatus.CLEARED, AuctionStatus.SETTLED}
    price = Money(auction.price, auction.currency) if auction.price is not None else None
    return Results(
        auction=auction,
        status=status_word(auction),
        cleared=cleared,
        price=price,
        term_price=rules.seat_price(price.amount, auction.term_months, auction.currency)
        if price is not None
        else None,
        revenue=revenue_of(auction),
        seats_paid=auction.registrations.filter(seat=SeatStatus.PAID).count(),
        dividend=dividend_of(auction),
    )

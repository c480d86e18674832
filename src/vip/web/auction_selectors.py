"""What the auction's pages show: an auction's rules and calendar, where a migrant stands in it
and his result, in words. Read from vip.auctions' models, selectors and rules; no rule is decided
here (the services decide), only which page or button takes him further."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.auctions import rules
from vip.auctions.clearing import Rule
from vip.auctions.models import (
    Auction,
    AuctionStatus,
    Bid,
    DuplicateReason,
    Registration,
    RegistrationOutcome,
    SeatStatus,
)
from vip.auctions.selectors import (
    Dividend,
    auction_by_code,
    auctions,
    dividend_of,
    flagged,
    open_to,
    registration_in,
    registrations_of,
    revenue_of,
    visible_registration,
)
from vip.clock import now
from vip.errors import NotFound
from vip.money import Money
from vip.people.models import User
from vip.people.selectors import time_zone
from vip.web.templatetags.vip_format import moment, money

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


DUPLICATE_WORDS: dict[DuplicateReason, Promise] = {
    DuplicateReason.DOCUMENT: _("the same passport"),
    DuplicateReason.NAME_BIRTH_COUNTRY: _("the same name, birth date and country"),
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

    @property
    def awaits_consent(self) -> bool:
        """An agency registered him and he has not agreed yet: no bid counts until he does."""
        r = self.registration
        return r is not None and r.consented_at is None and not self.result


def auction_page(person: User, code: str) -> AuctionPage:
    auction = auction_by_code(code)
    registration = registration_in(person, auction)
    if registration is not None and registration.agency_id is not None:
        registration = Registration.objects.select_related("agency").get(pk=registration.pk)
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
        bidding_open=bidding_open
        and registration is not None
        and registration.consented_at is not None,
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
class ListedAuction:
    auction: Auction
    status: str
    registered: bool


def auctions_of(migrant: User) -> list[ListedAuction]:
    """The auctions open to him now and those he is registered in, the newest first."""
    mine = {r.auction_id: r.auction for r in registrations_of(migrant)}
    found = {a.pk: a for a in open_to(migrant)} | mine
    ordered = sorted(found.values(), key=lambda a: (a.registration_opens, a.pk), reverse=True)
    return [ListedAuction(a, status_word(a), a.pk in mine) for a in ordered]


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


# --- the authority's workspace -------------------------------------------------------------------

# The next step out of each status, by its slug in the page's address.
STEP_OUT_OF: dict[AuctionStatus, str] = {
    AuctionStatus.SCHEDULED: "open-registration",
    AuctionStatus.REGISTRATION: "open-bidding",
    AuctionStatus.BIDDING: "close",
    AuctionStatus.CLOSED: "clear",
    AuctionStatus.CLEARED: "settle",
}
FORFEIT = "forfeit"
STEP_NAMES: dict[str, Promise] = {
    "open-registration": _("Open registration"),
    "open-bidding": _("Open bidding"),
    "close": _("Close bidding"),
    "clear": _("Clear the auction"),
    "settle": _("Settle the auction"),
    FORFEIT: _("Forfeit the seats not paid in time"),
}


@dataclass(frozen=True)
class NextStep:
    slug: str
    name: str
    due: bool  # its time has come (the service refuses it before: AUCTION_STEP_NOT_DUE)
    due_at: dt.datetime | None


def windows_of(auction: Auction) -> rules.Windows:
    return rules.Windows(
        auction.registration_opens,
        auction.registration_closes,
        auction.bidding_opens,
        auction.bidding_closes,
    )


def next_step(auction: Auction) -> NextStep | None:
    status = AuctionStatus(auction.status)
    slug = STEP_OUT_OF.get(status)
    if slug is None:
        return None
    starts = {
        AuctionStatus.SCHEDULED: auction.registration_opens,
        AuctionStatus.REGISTRATION: auction.bidding_opens,
        AuctionStatus.BIDDING: auction.bidding_closes,
    }
    # Settling waits for the seats, not for a time: the service says if one still awaits payment.
    due = status == AuctionStatus.CLEARED or (
        rules.due_step(status, windows_of(auction), now()) == rules.NEXT[status]
    )
    return NextStep(slug, str(STEP_NAMES[slug]), due, starts.get(status))


@dataclass(frozen=True)
class AuctionRow:
    auction: Auction
    status: str
    next: NextStep | None
    zone: str  # hers: the times are shown in it


def auctions_listed(authority: User) -> list[AuctionRow]:
    zone = time_zone(authority)
    return [AuctionRow(a, status_word(a), next_step(a), zone) for a in auctions()]


@dataclass(frozen=True)
class Flagged:
    """Perhaps one person twice: at the clearing his lower bid counts."""

    later: str
    earlier: str
    reason: str
    reference: str


@dataclass(frozen=True)
class Workspace:
    auction: Auction
    status: str
    rule: str
    zone: str
    next: NextStep | None
    registrations: int
    flagged: list[Flagged]
    seats: list[Registration]  # after the clearing: the seats offered, paid, forfeited, refused
    overdue: int  # seats offered whose day to pay has passed
    term_price: Money | None
    revenue: Money


def workspace(authority: User, code: str) -> Workspace:
    auction = auction_by_code(code)
    registrations = Registration.objects.filter(auction=auction)
    seats = list(registrations.exclude(seat="").select_related("beneficiary").order_by("rank"))
    at = now()
    return Workspace(
        auction=auction,
        status=status_word(auction),
        rule=str(RULE_WORDS[Rule(auction.rule)]),
        zone=time_zone(authority),
        next=next_step(auction),
        registrations=registrations.count(),
        flagged=[
            Flagged(
                r.beneficiary.full_name,
                r.duplicate_of.beneficiary.full_name if r.duplicate_of else "",
                str(DUPLICATE_WORDS[DuplicateReason(r.duplicate_reason)]),
                r.reference,
            )
            for r in flagged(authority, auction).select_related(
                "beneficiary", "duplicate_of__beneficiary"
            )
        ],
        seats=seats,
        overdue=sum(
            1 for s in seats if s.seat == SeatStatus.OFFERED and s.pay_by and s.pay_by < at
        ),
        term_price=term_price_of(auction),
        revenue=revenue_of(auction),
    )


def term_price_of(auction: Auction) -> Money | None:
    if auction.price is None:
        return None
    return rules.seat_price(auction.price, auction.term_months, auction.currency)


@dataclass(frozen=True)
class StepPage:
    auction: Auction
    slug: str
    name: str
    consequences: list[str]
    waiting: int  # seats awaiting payment (settling is refused while there are any)


def step_page(authority: User, code: str, slug: str) -> StepPage:
    """What the step will do, said before she confirms it, with its amounts."""
    page = workspace(authority, code)
    auction = page.auction
    if slug not in STEP_NAMES or (
        slug != FORFEIT and (page.next is None or page.next.slug != slug)
    ):
        raise NotFound("AUCTION_STEP_NOT_FOUND", f"no step {slug!r} next in {code}")
    zone, currency = page.zone, auction.currency
    words = {
        "fee": money(auction.registration_fee, currency),
        "deposit": money(auction.deposit, currency),
        "registration_closes": moment(auction.registration_closes, zone),
        "bidding_closes": moment(auction.bidding_closes, zone),
        "registered": page.registrations,
        "days": auction.payment_days,
        "revenue": money(page.revenue.amount, currency),
        "overdue": page.overdue,
    }
    consequences = [str(text) % words for text in CONSEQUENCES[slug]]
    if slug == "clear":
        consequences.insert(1, page.rule)
    waiting = sum(1 for s in page.seats if s.seat == SeatStatus.OFFERED)
    return StepPage(auction, slug, str(STEP_NAMES[slug]), consequences, waiting)


CONSEQUENCES: dict[str, list[Promise]] = {
    "open-registration": [
        _(
            "Migrants can register until %(registration_closes)s; each pays the registration fee"
            " of %(fee)s, which is not paid back."
        ),
    ],
    "open-bidding": [
        _("Registration closes, with %(registered)s people registered."),
        _(
            "A secret seed for the tie-break lottery is drawn now and its SHA-256 is published at"
            " once: it cannot be changed afterwards."
        ),
        _(
            "The registered can bid until %(bidding_closes)s; a first bid pays the deposit of"
            " %(deposit)s. Nobody, you included, can read a bid before the clearing."
        ),
    ],
    "close": [
        _("No bid can be placed or changed any more: every bid binds its bidder."),
        _("The auction can then be cleared."),
    ],
    "clear": [
        _(
            "One price is computed from the sealed bids of the %(registered)s registered, by"
            " the rule:"
        ),
        _(
            "The seed is revealed and the result's hash is written in the audit log: anyone can"
            " recompute the price with vip auction verify."
        ),
        _(
            "Each winner has %(days)s days to pay; the bids become readable to you, under their"
            " pseudonymous references."
        ),
    ],
    "settle": [
        _("The deposits of everyone who won no seat are paid back."),
        _("The revenue, %(revenue)s, goes to the social dividend."),
        _("The auction is then settled for good: nothing in it changes after."),
    ],
    FORFEIT: [
        _(
            "The seats not paid by their day (%(overdue)s) are forfeited: their deposits are kept,"
            " and each seat is offered to the next bidder at the same price."
        ),
    ],
}


@dataclass(frozen=True)
class PaymentPage:
    auction: Auction
    registration: Registration
    term_price: Money
    deposit: Money
    still_to_pay: Money
    zone: str


@dataclass(frozen=True)
class SeatVisaPage:
    auction: Auction
    registration: Registration
    months: int  # the visa's term, from the day it is issued


def seat_visa_page(authority: User, code: str, registration_id: int) -> SeatVisaPage:
    """A paid seat whose visa is still to be issued; any other is not found."""
    registration = visible_registration(authority, registration_id)
    auction = registration.auction
    if (
        auction.code != code
        or registration.seat != SeatStatus.PAID
        or registration.visa_id is not None
    ):
        raise NotFound("REGISTRATION_NOT_FOUND", "no paid seat awaits its visa here")
    return SeatVisaPage(auction, registration, auction.term_months)


def payment_page(authority: User, code: str, registration_id: int) -> PaymentPage:
    registration = visible_registration(authority, registration_id)
    auction = registration.auction
    term_price = term_price_of(auction)
    if auction.code != code or term_price is None or registration.seat != SeatStatus.OFFERED:
        raise NotFound("REGISTRATION_NOT_FOUND", "no seat awaits this registration's payment")
    deposit = Money(auction.deposit, auction.currency)
    return PaymentPage(
        auction, registration, term_price, deposit, term_price - deposit, time_zone(authority)
    )

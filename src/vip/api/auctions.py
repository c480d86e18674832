"""Quota auctions: the public record and results, registrations and sealed bids, the
authority's steps, seats and duplicate flags."""

from __future__ import annotations

from enum import Enum
from typing import Literal, TypeVar

from django.http import HttpRequest
from ninja import Router, Status

from vip.api.accounts import ERRORS
from vip.api.app import caller
from vip.api.schemas import (
    AuctionIn,
    AuctionInputsOut,
    AuctionOut,
    AuctionResultsOut,
    BidIn,
    BidOut,
    DividendOut,
    DuplicateDecisionIn,
    MoneyOut,
    RegistrationIn,
    RegistrationOut,
    SeatVisaIn,
    VisaOut,
)
from vip.api.visas import insurance_terms, visa_out
from vip.auctions import rules, selectors, services
from vip.auctions.clearing import Rule
from vip.auctions.models import (
    Auction,
    AuctionStatus,
    Bid,
    DuplicateDecision,
    DuplicateReason,
    Registration,
    RegistrationOutcome,
    SeatStatus,
)
from vip.errors import NotFound, role_required
from vip.people.models import Role

E = TypeVar("E", bound=Enum)

router = Router(tags=["auctions"])


def money(amount: int, currency: str) -> MoneyOut:
    return MoneyOut(amount=amount, currency=currency)


def auction_out(a: Auction) -> AuctionOut:
    return AuctionOut(
        code=a.code,
        jurisdiction=a.jurisdiction_id,
        status=AuctionStatus(a.status),
        quota=a.quota,
        term_months=a.term_months,
        reserve=money(a.reserve, a.currency),
        rule=Rule(a.rule),
        registration_opens=a.registration_opens,
        registration_closes=a.registration_closes,
        bidding_opens=a.bidding_opens,
        bidding_closes=a.bidding_closes,
        registration_fee=money(a.registration_fee, a.currency),
        deposit=money(a.deposit, a.currency),
        agency_cap=rules.agency_cap(a.quota, a.agency_cap_share),
        payment_days=a.payment_days,
        seed_commitment=a.seed_commitment,
        price=money(a.price, a.currency) if a.price is not None else None,
    )


def blank_or(vocabulary: type[E], value: str) -> E | Literal[""]:
    """A member of the vocabulary, or "" where the column is still blank."""
    return vocabulary(value) if value else ""


def registration_out(r: Registration) -> RegistrationOut:
    return RegistrationOut(
        id=r.pk,
        auction=r.auction.code,
        reference=r.reference,
        beneficiary=r.beneficiary_id,
        agency=r.agency_id,
        registered_at=r.registered_at,
        consented_at=r.consented_at,
        duplicate_of=r.duplicate_of_id,
        duplicate_reason=blank_or(DuplicateReason, r.duplicate_reason),
        duplicate_decision=blank_or(DuplicateDecision, r.duplicate_decision),
        outcome=blank_or(RegistrationOutcome, r.outcome),
        rank=r.rank,
        seat=blank_or(SeatStatus, r.seat),
        pay_by=r.pay_by,
        paid_at=r.paid_at,
        refunded_at=r.refunded_at,
        visa=r.visa_id,
    )


def bid_out(bid: Bid) -> BidOut:
    return BidOut(
        registration=bid.registration_id,
        amount=money(bid.amount, bid.currency),
        placed_at=bid.placed_at,
        changed_at=bid.changed_at,
    )


# --- the public record -------------------------------------------------------------------------


@router.get("/auctions", response={200: list[AuctionOut], **ERRORS})
def open_auctions(request: HttpRequest) -> list[AuctionOut]:
    """The auctions open to register or bid in now."""
    return [auction_out(a) for a in selectors.open_auctions()[:500]]


@router.get("/auctions/{slug:code}", response={200: AuctionOut, **ERRORS})
def read_auction(request: HttpRequest, code: str) -> AuctionOut:
    return auction_out(selectors.auction_by_code(code))


@router.get("/auctions/{slug:code}/results", auth=None, response={200: AuctionResultsOut, **ERRORS})
def results(request: HttpRequest, code: str) -> AuctionResultsOut:
    """Anyone's, with no login, once cleared: the figures, nothing about any person."""
    a = selectors.cleared(code)
    assert a.price is not None and a.bids_count is not None and a.inputs is not None
    seat = rules.seat_price(a.price, a.term_months, a.currency)
    revenue, dividend = selectors.revenue_of(a), selectors.dividend_of(a)
    return AuctionResultsOut(
        code=a.code,
        status=AuctionStatus(a.status),
        quota=a.quota,
        bids=a.bids_count,
        winners=len(rules.recompute(a.inputs)["winners"]),
        price=money(a.price, a.currency),
        seat_price=money(seat.amount, seat.currency),
        seats_paid=selectors.seats_paid(a),
        revenue=money(revenue.amount, revenue.currency),
        seed=a.seed,
        seed_commitment=a.seed_commitment,
        result_hash=a.result_hash,
        dividend=DividendOut(
            per_citizen=money(dividend.per_citizen.amount, dividend.per_citizen.currency),
            citizens=dividend.citizens,
            paid_out=money(dividend.paid_out.amount, dividend.paid_out.currency),
            costs=money(dividend.costs.amount, dividend.costs.currency),
            remainder=money(dividend.remainder.amount, dividend.remainder.currency),
        )
        if dividend
        else None,
    )


# --- registrations and bids --------------------------------------------------------------------


@router.get("/auctions/{slug:code}/inputs", auth=None, response={200: AuctionInputsOut, **ERRORS})
def inputs(request: HttpRequest, code: str) -> AuctionInputsOut:
    """Anyone's, with no login, once cleared: the clearing's inputs, each bid under its
    registration's pseudonymous reference, to recompute the result (`vip auction clear`)."""
    a = selectors.cleared(code)
    assert a.inputs is not None
    return AuctionInputsOut(**a.inputs)


@router.post("/auctions/{slug:code}/registrations", response={201: RegistrationOut, **ERRORS})
def register(request: HttpRequest, code: str, body: RegistrationIn) -> Status[RegistrationOut]:
    registration = services.register(
        user=caller(request),
        code=code,
        document_country=body.document_country,
        document_number=body.document_number,
        beneficiary_id=body.beneficiary,
    )
    return Status(201, registration_out(registration))


@router.get("/me/registrations", response={200: list[RegistrationOut], **ERRORS})
def my_registrations(request: HttpRequest) -> list[RegistrationOut]:
    """His own registrations, or those an agency filed; the newest first."""
    return [registration_out(r) for r in selectors.registrations_of(caller(request))[:500]]


@router.get("/registrations/{registration_id}", response={200: RegistrationOut, **ERRORS})
def read_registration(request: HttpRequest, registration_id: int) -> RegistrationOut:
    return registration_out(selectors.visible_registration(caller(request), registration_id))


@router.post("/registrations/{registration_id}/consent", response={200: RegistrationOut, **ERRORS})
def consent(request: HttpRequest, registration_id: int) -> RegistrationOut:
    services.consent(user=caller(request), registration_id=registration_id)
    return read_registration(request, registration_id)


@router.put("/registrations/{registration_id}/bid", response={200: BidOut, **ERRORS})
def place_bid(request: HttpRequest, registration_id: int, body: BidIn) -> BidOut:
    """A sealed bid per visa-year, or its change, while bidding is open."""
    bid = services.place_bid(
        user=caller(request), registration_id=registration_id, amount=body.amount.money()
    )
    return bid_out(bid)


@router.get("/registrations/{registration_id}/bid", response={200: BidOut, **ERRORS})
def read_bid(request: HttpRequest, registration_id: int) -> BidOut:
    """His own bid (before the clearing, to him alone); every read is in the audit log."""
    bid = services.read_bid(user=caller(request), registration_id=registration_id)
    if bid is None:
        raise NotFound("BID_NOT_FOUND", "no bid on this registration yet")
    return bid_out(bid)


# --- the authority -----------------------------------------------------------------------------


@router.post("/auctions", response={201: AuctionOut, **ERRORS})
def create(request: HttpRequest, body: AuctionIn) -> Status[AuctionOut]:
    terms = services.AuctionTerms(
        code=body.code,
        jurisdiction=body.jurisdiction,
        quota=body.quota,
        term_months=body.term_months,
        reserve=body.reserve,
        windows=rules.Windows(
            body.registration_opens,
            body.registration_closes,
            body.bidding_opens,
            body.bidding_closes,
        ),
        rule=body.rule,
    )
    return Status(201, auction_out(services.create_auction(authority=caller(request), terms=terms)))


@router.post("/auctions/{slug:code}/open-registration", response={200: AuctionOut, **ERRORS})
def open_registration(request: HttpRequest, code: str) -> AuctionOut:
    return auction_out(services.open_registration(actor=caller(request), code=code))


@router.post("/auctions/{slug:code}/open-bidding", response={200: AuctionOut, **ERRORS})
def open_bidding(request: HttpRequest, code: str) -> AuctionOut:
    return auction_out(services.open_bidding(actor=caller(request), code=code))


@router.post("/auctions/{slug:code}/close", response={200: AuctionOut, **ERRORS})
def close(request: HttpRequest, code: str) -> AuctionOut:
    return auction_out(services.close_bidding(actor=caller(request), code=code))


@router.post("/auctions/{slug:code}/clear", response={200: AuctionOut, **ERRORS})
def clear(request: HttpRequest, code: str) -> AuctionOut:
    return auction_out(services.clear_auction(actor=caller(request), code=code))


@router.post("/auctions/{slug:code}/settle", response={200: AuctionOut, **ERRORS})
def settle(request: HttpRequest, code: str) -> AuctionOut:
    return auction_out(services.settle(actor=caller(request), code=code))


@router.get("/auctions/{slug:code}/flagged", response={200: list[RegistrationOut], **ERRORS})
def flagged(request: HttpRequest, code: str) -> list[RegistrationOut]:
    """The registrations flagged as perhaps one person twice: the authority's to decide (the
    auction is public, so others are told the role they lack)."""
    user = caller(request)
    if not selectors.may_decide_duplicate(user):
        raise role_required(Role.AUTHORITY)
    found = selectors.flagged(user, selectors.auction_by_code(code)).select_related("auction")
    return [registration_out(r) for r in found[:500]]


@router.post(
    "/registrations/{registration_id}/duplicate", response={200: RegistrationOut, **ERRORS}
)
def decide_duplicate(
    request: HttpRequest, registration_id: int, body: DuplicateDecisionIn
) -> RegistrationOut:
    services.decide_duplicate(
        authority=caller(request), registration_id=registration_id, decision=body.decision
    )
    return read_registration(request, registration_id)


@router.post("/registrations/{registration_id}/payment", response={200: RegistrationOut, **ERRORS})
def record_payment(request: HttpRequest, registration_id: int) -> RegistrationOut:
    """The winner's price for the whole term, received (his deposit counts towards it)."""
    services.record_payment(authority=caller(request), registration_id=registration_id)
    return read_registration(request, registration_id)


@router.post("/registrations/{registration_id}/visa", response={201: VisaOut, **ERRORS})
def issue_visa(request: HttpRequest, registration_id: int, body: SeatVisaIn) -> Status[VisaOut]:
    """A paid seat's `auction` visa, decided at once (refused: `decision.reasons`, refunded)."""
    visa = services.issue_visa(
        authority=caller(request),
        registration_id=registration_id,
        insurance=insurance_terms(body.insurance),
    )
    return Status(201, visa_out(visa))

"""Every change to an auction: its life, registrations, sealed bids, the clearing, the seats and
the settlement. One durable transaction per operation, with its audit event and its postings.

The books (docs/auction.md): money paid in from outside passes through the person's account
(he sees it in his ledger) to the auction's accounts: `auction:CODE:fees`, `:deposits` (held
until the settlement), `:revenue` (the prices paid) and `:forfeits` (deposits kept)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from vip.auctions import rules
from vip.auctions.clearing import BidIds, Rule, clear, seed_commitment, seeded_ties
from vip.auctions.models import (
    Auction,
    AuctionStatus,
    Bid,
    DuplicateDecision,
    Registration,
    RegistrationOutcome,
    SeatStatus,
)
from vip.auctions.selectors import (
    auction_by_code,
    dividend_key,
    identity_verified,
    may_bid,
    may_decide_duplicate,
    may_issue_visa,
    may_read_bid,
    may_record_payment,
    may_register,
    may_run_auctions,
    revenue_of,
    visible_registration,
)
from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.clock import now, today
from vip.communities.models import Jurisdiction
from vip.errors import Conflict, Forbidden, Invalid, NotFound, either, role_required
from vip.ledger import services as ledger
from vip.ledger.models import Account, DividendPayout, TransactionKind
from vip.money import Money
from vip.people.models import Role, User
from vip.policy.parameters import parameters
from vip.visas import services as visas
from vip.visas.models import Visa
from vip.visas.rules import Outcome


@dataclass(frozen=True)
class AuctionTerms:
    """What the authority sets for an auction; the fee, deposit, agency cap and payment window
    come from the jurisdiction's parameters on the day registration opens."""

    code: str
    jurisdiction: str
    quota: int
    term_months: int
    reserve: int  # minor units per visa-year
    windows: rules.Windows
    rule: Rule = Rule.HIGHEST_REJECTED


def _account(auction: Auction, purpose: str) -> Account:
    return ledger.program_account(f"auction:{auction.code}:{purpose}", auction.currency)


def _pay_in(
    kind: TransactionKind, memo: str, person: User, to: Account, money: Money, actor: User | None
) -> None:
    """Money from outside through his account to the auction's (negative: paid back out)."""
    external = ledger.program_account(ledger.EXTERNAL, money.currency)
    mine = ledger.person_account(person, money.currency)
    ledger.post(
        kind, memo, [(external, -money), (mine, money), (mine, -money), (to, money)], None, actor
    )


def _record(
    actor: User | None, action: Action, subject: Subject, pk: object, **data: object
) -> None:
    audit.record(actor=actor, action=action, object_type=subject, object_id=pk, data=data)


# --- the auction's life ------------------------------------------------------------------------


@transaction.atomic(durable=True)
def create_auction(*, authority: User, terms: AuctionTerms) -> Auction:
    if not may_run_auctions(authority) or authority is None:
        raise role_required(Role.AUTHORITY)
    jurisdiction = Jurisdiction.objects.filter(code=terms.jurisdiction).first()
    if jurisdiction is None:
        raise NotFound("JURISDICTION_UNKNOWN", f"no jurisdiction {terms.jurisdiction!r}")
    if terms.quota < 1 or terms.term_months < 1 or terms.reserve < 0:
        raise Invalid(
            "AUCTION_TERMS_INVALID", "the quota and term are at least 1, the reserve at least 0"
        )
    if rules.windows_reasons(terms.windows):
        raise Invalid(
            "AUCTION_WINDOWS_OUT_OF_ORDER",
            "registration opens, closes, then bidding opens and closes, in that order",
        )
    if Rule(terms.rule) not in Rule:
        raise Invalid("RULE_UNKNOWN", f"the rule is {either(Rule)}")
    p = parameters(jurisdiction.code, terms.windows.registration_opens.date())
    w = terms.windows
    try:
        with transaction.atomic():
            auction = Auction.objects.create(
                code=terms.code,
                jurisdiction=jurisdiction,
                quota=terms.quota,
                term_months=terms.term_months,
                reserve=terms.reserve,
                currency=jurisdiction.currency,
                registration_opens=w.registration_opens,
                registration_closes=w.registration_closes,
                bidding_opens=w.bidding_opens,
                bidding_closes=w.bidding_closes,
                rule=terms.rule,
                agency_cap_share=Decimal(str(p["auction.agency_cap_share"])),
                registration_fee=p["auction.registration_fee"],
                deposit=p["auction.deposit"],
                payment_days=p["auction.payment_days"],
                created_by=authority,
                created_at=now(),
            )
    except IntegrityError:
        raise Conflict("AUCTION_CODE_TAKEN", f"an auction {terms.code!r} exists") from None
    _record(
        authority,
        Action.AUCTION_CREATED,
        Subject.AUCTION,
        auction.pk,
        code=auction.code,
        quota=auction.quota,
        reserve=auction.reserve,
        rule=auction.rule,
    )
    return auction


def _step(actor: User | None, code: str, frm: AuctionStatus, to: AuctionStatus) -> Auction:
    """Lock the auction and check it is in `frm` and the step is due (its time has come)."""
    if not may_run_auctions(actor):
        raise role_required(Role.AUTHORITY)
    auction = auction_by_code(code, for_update=True)
    if auction.status != frm:
        raise Conflict(
            "AUCTION_STEP_NOT_ALLOWED",
            f"the auction is {auction.status}, not {frm}",
            {"status": auction.status},
        )
    due = rules.due_step(AuctionStatus(auction.status), _windows(auction), now())
    if due != to:
        raise Conflict("AUCTION_STEP_NOT_DUE", f"{to} is not due yet", {"status": auction.status})
    return auction


def _moved(
    actor: User | None,
    auction: Auction,
    to: AuctionStatus,
    action: Action = Action.AUCTION_ADVANCED,
    **data: object,
) -> Auction:
    frm = auction.status
    auction.status = to
    auction.save()
    _record(actor, action, Subject.AUCTION, auction.pk, frm=frm, to=to, **data)
    return auction


def _windows(auction: Auction) -> rules.Windows:
    return rules.Windows(
        auction.registration_opens,
        auction.registration_closes,
        auction.bidding_opens,
        auction.bidding_closes,
    )


@transaction.atomic(durable=True)
def open_registration(*, actor: User | None, code: str) -> Auction:
    auction = _step(actor, code, AuctionStatus.SCHEDULED, AuctionStatus.REGISTRATION)
    return _moved(actor, auction, AuctionStatus.REGISTRATION)


@transaction.atomic(durable=True)
def open_bidding(*, actor: User | None, code: str) -> Auction:
    """The tie-break seed is drawn now and kept secret; its SHA-256 is published at once."""
    auction = _step(actor, code, AuctionStatus.REGISTRATION, AuctionStatus.BIDDING)
    auction.seed = secrets.token_hex(32)
    auction.seed_commitment = seed_commitment(auction.seed)
    return _moved(actor, auction, AuctionStatus.BIDDING, seed_commitment=auction.seed_commitment)


@transaction.atomic(durable=True)
def close_bidding(*, actor: User | None, code: str) -> Auction:
    auction = _step(actor, code, AuctionStatus.BIDDING, AuctionStatus.CLOSED)
    return _moved(actor, auction, AuctionStatus.CLOSED)


# --- registrations and bids --------------------------------------------------------------------


def _identity(r: Registration) -> rules.Identity:
    b = r.beneficiary
    person = (
        (rules.name_key(b.full_name), b.birth_date.isoformat(), b.country)
        if b.full_name and b.birth_date and b.country
        else None
    )
    return rules.Identity(r.pk, (r.document_country, r.document_number), person)


def _open_for(
    auction: Auction, status: AuctionStatus, opens: dt.datetime, closes: dt.datetime
) -> None:
    if auction.status != status or not rules.in_window(opens, closes, now()):
        raise Conflict(
            f"{status.upper()}_CLOSED",
            f"{status} is not open in auction {auction.code}",
            {"status": auction.status},
        )


@transaction.atomic(durable=True)
def register(
    *,
    user: User,
    code: str,
    document_country: str,
    document_number: str,
    beneficiary_id: int | None = None,
) -> Registration:
    """A verified migrant registers himself, or an agency registers him (he consents after).
    One registration per beneficiary (the database's constraint); a registration that shares
    an identity document, or a name, birth date and country, with an earlier one is flagged."""
    if not may_register(user):
        raise role_required(Role.MIGRANT)
    auction = auction_by_code(code)
    _open_for(
        auction, AuctionStatus.REGISTRATION, auction.registration_opens, auction.registration_closes
    )
    is_agency = user.role == Role.AGENCY
    if is_agency:
        beneficiary = User.objects.filter(pk=beneficiary_id or 0, role=Role.MIGRANT).first()
        if beneficiary is None:
            raise NotFound("PERSON_NOT_FOUND", "no migrant with this id")
    elif beneficiary_id not in (None, user.pk):
        raise Forbidden("NOT_AN_AGENCY", "a migrant registers only in their own name")
    else:
        beneficiary = user
    if not identity_verified(beneficiary):
        raise Forbidden("MIGRANT_NOT_VERIFIED", "the beneficiary's identity is not verified")
    number = rules.document_number(document_number)
    country = document_country.strip().upper()
    if not number or len(country) != 2:
        raise Invalid("DOCUMENT_INVALID", "an identity document's country (2 letters) and number")
    if is_agency:
        # One agency's registrations at a time: its cap is counted under a lock on its row.
        User.objects.select_for_update(no_key=True).get(pk=user.pk)
        cap = rules.agency_cap(auction.quota, auction.agency_cap_share)
        if Registration.objects.filter(auction=auction, agency=user).count() >= cap:
            raise Conflict("AGENCY_CAP_REACHED", f"an agency registers at most {cap} people here")
    registration = Registration(
        auction=auction,
        beneficiary=beneficiary,
        reference=secrets.token_hex(8),
        agency=user if is_agency else None,
        registered_by=user,
        registered_at=now(),
        consented_at=None if is_agency else now(),
        document_country=country,
        document_number=number,
    )
    earlier = Registration.objects.filter(auction=auction).select_related("beneficiary").filter(
        document_number=number, document_country=country
    ) | Registration.objects.filter(
        auction=auction,
        beneficiary__birth_date=beneficiary.birth_date,
        beneficiary__country=beneficiary.country,
    )
    found = rules.duplicate_of(
        _identity(registration),
        [_identity(r) for r in earlier.select_related("beneficiary").order_by("id")],
    )
    if found is not None:
        registration.duplicate_of_id, registration.duplicate_reason = found
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise Conflict("ALREADY_REGISTERED", "one registration per person in an auction") from None
    _record(
        user,
        Action.REGISTRATION_CREATED,
        Subject.REGISTRATION,
        registration.pk,
        auction=auction.code,
        agency=registration.agency_id,
        flagged=registration.duplicate_reason or None,
    )
    if auction.registration_fee:
        _pay_in(
            TransactionKind.AUCTION_FEE,
            f"registration in auction {auction.code}",
            beneficiary,
            _account(auction, "fees"),
            Money(auction.registration_fee, auction.currency),
            user,
        )
    return registration


@transaction.atomic(durable=True)
def consent(*, user: User, registration_id: int) -> Registration:
    """The beneficiary agrees to the registration an agency filed for him."""
    registration = visible_registration(user, registration_id)
    if user.pk != registration.beneficiary_id:
        raise Forbidden("NOT_THE_BENEFICIARY", "only the beneficiary consents, in person")
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.consented_at is not None:
        raise Conflict("ALREADY_CONSENTED", "the beneficiary has consented already")
    registration.consented_at = now()
    registration.save(update_fields=["consented_at"])
    _record(user, Action.REGISTRATION_CONSENTED, Subject.REGISTRATION, registration.pk)
    return registration


def _sealed(bid: Bid) -> str:
    """What the log keeps of an amount: a digest it cannot be read from (the seal is a nonce)."""
    return hashlib.sha256(f"{bid.seal}:{bid.amount}:{bid.currency}".encode()).hexdigest()


@transaction.atomic(durable=True)
def place_bid(*, user: User, registration_id: int, amount: Money) -> Bid:
    """A sealed bid per visa-year, or a change of it, until bidding closes. The first bid pays
    the deposit in, held until the settlement."""
    found = visible_registration(user, registration_id)
    if not may_bid(user, found):
        raise Forbidden("NOT_THE_BENEFICIARY", "only the beneficiary bids, in person")
    # The registration's row serialises his bids: one bid, one deposit, however many at once.
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    auction = found.auction
    _open_for(auction, AuctionStatus.BIDDING, auction.bidding_opens, auction.bidding_closes)
    if registration.consented_at is None:
        raise Conflict(
            "CONSENT_MISSING", "the beneficiary has not consented to the agency's registration"
        )
    if amount.currency != auction.currency or amount.amount <= 0:
        raise Invalid("BID_INVALID", f"a bid is a positive {auction.currency} amount per visa-year")
    bid = Bid.objects.filter(registration=registration).first()
    at = now()
    first = bid is None
    if bid is None:
        bid = Bid(registration=registration, placed_at=at)
    bid.amount, bid.currency, bid.changed_at = amount.amount, amount.currency, at
    bid.save()
    _record(
        user,
        Action.BID_PLACED,
        Subject.REGISTRATION,
        registration.pk,
        auction=auction.code,
        sealed=_sealed(bid),
        changed=not first,
    )
    if first and auction.deposit:
        _pay_in(
            TransactionKind.AUCTION_DEPOSIT,
            f"deposit in auction {auction.code}",
            user,
            _account(auction, "deposits"),
            Money(auction.deposit, auction.currency),
            user,
        )
    return bid


@transaction.atomic(durable=True)
def read_bid(*, user: User, registration_id: int) -> Bid | None:
    """A bid's amount, to its bidder (before the clearing, to him alone, the authority
    included); every read is in the log."""
    registration = visible_registration(user, registration_id)
    if not may_read_bid(user, registration, registration.auction):
        raise Forbidden("BID_SEALED", "a bid is sealed until the clearing")
    bid = Bid.objects.filter(registration=registration).first()
    _record(user, Action.BID_READ, Subject.REGISTRATION, registration.pk)
    return bid


@transaction.atomic(durable=True)
def decide_duplicate(*, authority: User, registration_id: int, decision: str) -> Registration:
    """The authority's word on a flagged registration: upheld, one person twice (at the clearing
    the lower of his bids counts); dismissed, two people (each counts). It may change its word
    until the clearing, which fixes the outcomes."""
    found = visible_registration(authority, registration_id)
    if not may_decide_duplicate(authority):
        raise role_required(Role.AUTHORITY)
    auction = auction_by_code(found.auction.code, for_update=True)
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    if registration.duplicate_of_id is None:
        raise Conflict("REGISTRATION_NOT_FLAGGED", "the registration is not flagged as a duplicate")
    if auction.status in {AuctionStatus.CLEARED, AuctionStatus.SETTLED}:
        raise Conflict(
            "AUCTION_ALREADY_CLEARED",
            "the clearing has fixed the outcomes",
            {"status": auction.status},
        )
    if decision not in DuplicateDecision.values:
        raise Invalid("DUPLICATE_DECISION_INVALID", f"the decision is {either(DuplicateDecision)}")
    registration.duplicate_decision = decision
    registration.duplicate_decided_by, registration.duplicate_decided_at = authority, now()
    registration.save(
        update_fields=["duplicate_decision", "duplicate_decided_by", "duplicate_decided_at"]
    )
    _record(
        authority,
        Action.REGISTRATION_DUPLICATE_DECIDED,
        Subject.REGISTRATION,
        registration.pk,
        auction=auction.code,
        decision=decision,
        duplicate_of=registration.duplicate_of_id,
        reason=registration.duplicate_reason,
    )
    return registration


# --- the clearing ------------------------------------------------------------------------------


def _bid_order(auction: Auction, bids: list[tuple[str, int]], pks: list[int]) -> list[int]:
    """The registrations (`pks`, as `bids`) at or above the reserve, in bid order: amount
    descending, then the committed seed's tie order."""
    if not bids:
        return []
    everyone = clear(
        np.array([a for _, a in bids], dtype=np.int64),
        len(bids),
        auction.reserve,
        Rule(auction.rule),
        ties=seeded_ties(auction.seed, BidIds.of([reference for reference, _ in bids])),
    )
    return [pks[i] for i in everyone.winners.tolist()]


@transaction.atomic(durable=True)
def clear_auction(*, actor: User | None, code: str) -> Auction:
    """One uniform price, through the array kernel the simulator uses (vip.auctions.clearing),
    from the published inputs; the seed revealed; the result's hash in the log. Of one person
    registered twice (flags recomputed now over every registration, the authority's decisions
    on them kept) the lower bid counts; an agency's registrations after its cap of winners (in
    bid order) are not counted."""
    auction = _step(actor, code, AuctionStatus.CLOSED, AuctionStatus.CLEARED)
    registrations = list(
        Registration.objects.filter(auction=auction).select_related("beneficiary").order_by("id")
    )
    links = rules.duplicate_links(
        [_identity(r) for r in registrations],
        {
            r.pk: (DuplicateDecision(r.duplicate_decision), r.duplicate_of_id)
            for r in registrations
            if r.duplicate_decision
        },
    )
    amounts = dict(
        Bid.objects.filter(
            registration__auction=auction, registration__consented_at__isnull=False
        ).values_list("registration_id", "amount")
    )
    with_bids = [(r.pk, amounts[r.pk]) for r in registrations if r.pk in amounts]
    counted, excluded = rules.counted_bids(with_bids, links)
    by_pk = {r.pk: r for r in registrations}
    # Everyone valid in bid order (the same kernel, every valid bid a "winner"): an agency's
    # registrations after its cap are skipped in this order; the rest is the standby list the
    # seats of those who do not pay go down, at the same price.
    order = _bid_order(auction, [(by_pk[pk].reference, amounts[pk]) for pk in counted], counted)
    order, beyond_cap = rules.within_agency_cap(
        order,
        {pk: by_pk[pk].agency_id for pk in order},
        rules.agency_cap(auction.quota, auction.agency_cap_share),
    )
    capped = set(beyond_cap)
    counted = [pk for pk in counted if pk not in capped]
    bids = [(by_pk[pk].reference, amounts[pk]) for pk in counted]
    inputs = rules.published_inputs(
        auction.quota, auction.reserve, Rule(auction.rule), auction.seed, bids
    )
    result = rules.recompute(inputs)
    winners = {str(w) for w in result["winners"]}
    rank = {pk: i + 1 for i, pk in enumerate(order)}
    pay_by = now() + dt.timedelta(days=auction.payment_days)
    for registration in registrations:
        pk = registration.pk
        registration.rank = rank.get(pk)
        if pk in excluded:
            registration.outcome = RegistrationOutcome.DUPLICATE
        elif pk in capped:
            registration.outcome = RegistrationOutcome.AGENCY_CAP
        elif pk not in amounts:
            registration.outcome = RegistrationOutcome.NO_BID
        elif registration.reference in winners:
            registration.outcome = RegistrationOutcome.WON
            registration.seat, registration.pay_by = SeatStatus.OFFERED, pay_by
        elif pk in rank:
            registration.outcome = RegistrationOutcome.STANDBY
        else:
            registration.outcome = RegistrationOutcome.BELOW_RESERVE
    Registration.objects.bulk_update(
        registrations, ["rank", "outcome", "seat", "pay_by"], batch_size=2000
    )
    auction.inputs = inputs
    auction.price = int(result["price"])
    auction.bids_count = len(bids)
    auction.result_hash = rules.result_hash(result)
    auction.seed_revealed = True
    auction.cleared_at = now()
    return _moved(
        actor,
        auction,
        AuctionStatus.CLEARED,
        Action.AUCTION_CLEARED,
        result_hash=auction.result_hash,
        seed=auction.seed,
        price=auction.price,
        winners=len(winners),
        bids=len(bids),
    )


# --- the seats and the settlement ----------------------------------------------------------------


def _refund_deposit(auction: Auction, registration: Registration, actor: User | None) -> None:
    if auction.deposit and Bid.objects.filter(registration=registration).exists():
        _pay_in(
            TransactionKind.AUCTION_REFUND,
            f"deposit back, auction {auction.code}",
            registration.beneficiary,
            _account(auction, "deposits"),
            Money(-auction.deposit, auction.currency),
            actor,
        )
    registration.refunded_at = now()


def _offer_next(auction: Auction, actor: User | None) -> Registration | None:
    """The next bidder in order who was not offered a seat yet, at the same price."""
    following = (
        Registration.objects.select_for_update()
        .filter(auction=auction, outcome=RegistrationOutcome.STANDBY, seat="")
        .order_by("rank")
        .first()
    )
    if following is None:
        return None
    following.seat = SeatStatus.OFFERED
    following.pay_by = now() + dt.timedelta(days=auction.payment_days)
    following.save(update_fields=["seat", "pay_by"])
    _record(actor, Action.SEAT_OFFERED, Subject.REGISTRATION, following.pk, auction=auction.code)
    return following


def _forfeit_overdue(auction: Auction, actor: User | None) -> int:
    """Seats not paid by their day: the deposit is kept, the next bidder is offered the seat."""
    overdue = list(
        Registration.objects.select_for_update()
        .filter(auction=auction, seat=SeatStatus.OFFERED, pay_by__lt=now())
        .select_related("beneficiary")
        .order_by("rank")
    )
    for registration in overdue:
        registration.seat = SeatStatus.FORFEITED
        registration.save(update_fields=["seat"])
        if auction.deposit:
            ledger.post(
                TransactionKind.AUCTION_FORFEIT,
                f"deposit kept, auction {auction.code}",
                [
                    (_account(auction, "deposits"), Money(-auction.deposit, auction.currency)),
                    (_account(auction, "forfeits"), Money(auction.deposit, auction.currency)),
                ],
                None,
                actor,
            )
        _record(
            actor,
            Action.SEAT_FORFEITED,
            Subject.REGISTRATION,
            registration.pk,
            auction=auction.code,
        )
        _offer_next(auction, actor)
    return len(overdue)


@transaction.atomic(durable=True)
def forfeit_overdue(*, actor: User | None, code: str) -> int:
    if not may_run_auctions(actor):
        raise role_required(Role.AUTHORITY)
    auction = auction_by_code(code, for_update=True)
    if auction.status != AuctionStatus.CLEARED:
        raise Conflict("AUCTION_NOT_CLEARED", f"the auction is {auction.status}")
    return _forfeit_overdue(auction, actor)


@transaction.atomic(durable=True)
def record_payment(*, authority: User, registration_id: int) -> Registration:
    """A winner's price for the whole term, paid in by its day (his deposit counts towards it);
    then the authority issues his visa (issue_visa)."""
    found = visible_registration(authority, registration_id)
    if not may_record_payment(authority):
        raise role_required(Role.AUTHORITY)
    auction = auction_by_code(found.auction.code, for_update=True)
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    if auction.status != AuctionStatus.CLEARED or registration.seat != SeatStatus.OFFERED:
        raise Conflict("SEAT_NOT_OFFERED", "no seat awaits this registration's payment")
    if registration.pay_by is not None and registration.pay_by < now():
        raise Conflict("PAYMENT_OVERDUE", "the day to pay has passed: the seat is forfeited")
    assert auction.price is not None
    price = rules.seat_price(auction.price, auction.term_months, auction.currency)
    deposit = Money(auction.deposit, auction.currency)
    beneficiary = registration.beneficiary
    external = ledger.program_account(ledger.EXTERNAL, auction.currency)
    mine = ledger.person_account(beneficiary, auction.currency)
    ledger.post(
        TransactionKind.AUCTION_PAYMENT,
        f"price of a visa, auction {auction.code}",
        [
            (external, -(price - deposit)),
            (mine, price - deposit),
            (mine, -(price - deposit)),
            (_account(auction, "deposits"), -deposit),
            (_account(auction, "revenue"), price),
        ],
        None,
        authority,
    )
    registration.seat, registration.paid_at = SeatStatus.PAID, now()
    registration.save(update_fields=["seat", "paid_at"])
    _record(authority, Action.SEAT_PAID, Subject.REGISTRATION, registration.pk, amount=price.amount)
    return registration


@transaction.atomic(durable=True)
def issue_visa(
    *, authority: User, registration_id: int, insurance: visas.InsuranceTerms | None
) -> Visa:
    """A paid seat's visa: an `auction` visa, by the same rules as a VIP visa for the migrant
    (verified, of age, not barred, no live visa) and his insurance, with no sponsor; its term the
    auction's, from today. Refused, he gets back everything he paid for the seat (the price,
    his deposit in it) and the seat goes to the next bidder, as a forfeited one does."""
    found = visible_registration(authority, registration_id)
    if not may_issue_visa(authority):
        raise role_required(Role.AUTHORITY)
    auction = auction_by_code(found.auction.code, for_update=True)
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    if registration.seat != SeatStatus.PAID or registration.visa_id is not None:
        raise Conflict("SEAT_NOT_PAID", "a visa is issued once, on a paid seat")
    visa = visas.issue_auction_visa(
        actor=authority,
        migrant=registration.beneficiary,
        jurisdiction_id=auction.jurisdiction_id,
        starts_on=today(),
        term_months=auction.term_months,
        insurance=insurance,
    )
    registration.visa = visa
    refused = visa.outcome == Outcome.REFUSED
    if refused:
        assert auction.price is not None
        price = rules.seat_price(auction.price, auction.term_months, auction.currency)
        _pay_in(
            TransactionKind.AUCTION_REFUND,
            f"price and deposit back, visa refused, auction {auction.code}",
            registration.beneficiary,
            _account(auction, "revenue"),
            -price,
            authority,
        )
        registration.seat, registration.refunded_at = SeatStatus.REFUSED, now()
    registration.save(update_fields=["visa", "seat", "refunded_at"])
    _record(
        authority,
        Action.SEAT_VISA_DECIDED,
        Subject.REGISTRATION,
        registration.pk,
        auction=auction.code,
        visa=visa.pk,
        outcome=visa.outcome,
        reasons=[r["code"] for r in visa.reasons],
    )
    if refused:
        _offer_next(auction, authority)
    return visa


@transaction.atomic(durable=True)
def settle(*, actor: User | None, code: str) -> Auction:
    """Once no seat awaits payment (forfeit_overdue has moved the unpaid ones on): the deposits
    of those who won no seat are paid back, and the revenue goes to the social dividend."""
    if not may_run_auctions(actor):
        raise role_required(Role.AUTHORITY)
    auction = auction_by_code(code, for_update=True)
    if auction.status != AuctionStatus.CLEARED:
        raise Conflict("AUCTION_NOT_CLEARED", f"the auction is {auction.status}, not cleared")
    waiting = Registration.objects.filter(auction=auction, seat=SeatStatus.OFFERED).count()
    if waiting:
        raise Conflict(
            "SEATS_AWAIT_PAYMENT", f"{waiting} seat(s) await payment", {"waiting": waiting}
        )
    # The revenue is final only when no paid seat's visa may still be refused (and refunded).
    undecided = _awaiting_visa(auction).count()
    if undecided:
        raise Conflict(
            "SEATS_AWAIT_VISA",
            f"{undecided} paid seat(s) await their visa",
            {"waiting": undecided},
        )
    back = list(
        Registration.objects.select_for_update()
        .filter(auction=auction, refunded_at=None, seat__in=["", SeatStatus.REFUSED])
        .exclude(outcome=RegistrationOutcome.NO_BID)
        .select_related("beneficiary")
        .order_by("id")
    )
    for registration in back:
        if registration.seat != SeatStatus.REFUSED:  # a refused winner has had his back
            _refund_deposit(auction, registration, actor)
    Registration.objects.bulk_update(back, ["refunded_at"], batch_size=2000)
    auction.settled_at = now()
    revenue = revenue_of(auction)
    _moved(actor, auction, AuctionStatus.SETTLED, revenue=revenue.amount, refunded=len(back))
    pay_dividend(auction, revenue, actor)
    return auction


def _awaiting_visa(auction: Auction) -> QuerySet[Registration]:
    return Registration.objects.filter(auction=auction, seat=SeatStatus.PAID, visa=None)


def pay_dividend(auction: Auction, revenue: Money, actor: User | None) -> DividendPayout:
    """The social dividend of a settled auction: its revenue, taken from its revenue account,
    less the costs the parameters name, in equal shares to every citizen eligible on the day it
    settles (vip.ledger, in bulk); once per auction (the payout's key is its code)."""
    assert auction.settled_at is not None
    return ledger.pay_social_dividend(
        actor=actor,
        jurisdiction=auction.jurisdiction_id,
        source=_account(auction, "revenue"),
        revenue=revenue,
        key=dividend_key(auction.code),
        day=auction.settled_at.date(),
    )


# --- the daily job -----------------------------------------------------------------------------


def advance_due() -> dict[str, list[str]]:
    """The daily job: every auction moved on as far as its times allow, each step its own
    transaction; a cleared one whose seats are all decided settles."""
    moved: dict[str, list[str]] = {}
    steps = {
        AuctionStatus.REGISTRATION: open_registration,
        AuctionStatus.BIDDING: open_bidding,
        AuctionStatus.CLOSED: close_bidding,
        AuctionStatus.CLEARED: clear_auction,
    }
    live = Auction.objects.exclude(status=AuctionStatus.SETTLED).order_by("id")
    for auction in live:
        status = AuctionStatus(auction.status)
        while (due := rules.due_step(status, _windows(auction), now())) is not None:
            steps[due](actor=None, code=auction.code)
            moved.setdefault(auction.code, []).append(due)
            status = due
        if status == AuctionStatus.CLEARED:
            forfeit_overdue(actor=None, code=auction.code)
            offered = Registration.objects.filter(auction=auction, seat=SeatStatus.OFFERED)
            if not offered.exists() and not _awaiting_visa(auction).exists():
                settle(actor=None, code=auction.code)
                moved.setdefault(auction.code, []).append(AuctionStatus.SETTLED)
    return moved

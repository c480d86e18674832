"""Who may do what in an auction (the services' `may_*`), and its reads. A bid's amount is never
read here: only services.read_bid reads it, and it audits the read."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from vip.auctions import rules
from vip.auctions.clearing import seed_commitment
from vip.auctions.models import Auction, AuctionStatus, Registration, SeatStatus
from vip.audit.models import Action, AuditEvent, Subject
from vip.errors import Conflict, NotFound
from vip.ledger import selectors as ledger
from vip.ledger.models import DividendPayout
from vip.money import Money
from vip.people.models import Role, User, VerificationKind
from vip.people.selectors import is_verified

SEALED = (
    AuctionStatus.SCHEDULED,
    AuctionStatus.REGISTRATION,
    AuctionStatus.BIDDING,
    AuctionStatus.CLOSED,
)


def may_run_auctions(user: User | None) -> bool:
    """The authority creates and moves auctions on; the daily job (no actor) moves them too."""
    return user is None or user.role == Role.AUTHORITY


def may_register(user: User) -> bool:
    """A migrant registers himself; an agency registers a migrant, who then consents."""
    return user.role in {Role.MIGRANT, Role.AGENCY}


def may_bid(user: User, registration: Registration) -> bool:
    """The beneficiary bids himself: the bid is his, sealed, and nobody else sees it."""
    return user.pk == registration.beneficiary_id


def may_read_bid(user: User, registration: Registration, auction: Auction) -> bool:
    """Before the clearing the bidder alone, the authority included in 'nobody else'; after it,
    the bidder and the authority (the amounts are published then, under pseudonymous ids)."""
    if user.pk == registration.beneficiary_id:
        return True
    return user.role == Role.AUTHORITY and auction.status not in SEALED


def may_record_payment(user: User) -> bool:
    """Money paid in from outside is recorded by the authority (as a fine's payment is)."""
    return user.role == Role.AUTHORITY


def may_issue_visa(user: User) -> bool:
    """The authority decides a paid seat's visa, as it decides a VIP visa in review."""
    return user.role == Role.AUTHORITY


def may_decide_duplicate(user: User) -> bool:
    """The authority says whether a flagged registration is one person twice."""
    return user.role == Role.AUTHORITY


def identity_verified(person: User) -> bool:
    return is_verified(person, VerificationKind.IDENTITY)


def auction_by_code(code: str, *, for_update: bool = False) -> Auction:
    auctions = Auction.objects.select_related("jurisdiction")
    found = (auctions.select_for_update(of=("self",)) if for_update else auctions).filter(code=code)
    auction = found.first()
    if auction is None:
        raise NotFound("AUCTION_NOT_FOUND", f"no auction {code!r}")
    return auction


def auctions() -> QuerySet[Auction]:
    """Every auction, the newest first: their records are public (not their bids)."""
    return Auction.objects.select_related("jurisdiction").order_by("-registration_opens", "-id")


def open_to(migrant: User) -> QuerySet[Auction]:
    """The auctions a migrant may take part in now (in registration or bidding), in the
    jurisdictions he accepts to go to (any, when he names none)."""
    found = auctions().filter(status__in=[AuctionStatus.REGISTRATION, AuctionStatus.BIDDING])
    wanted = migrant.migrant_profile.jurisdictions
    return found.filter(jurisdiction__code__in=wanted) if wanted else found


def registration_in(user: User, auction: Auction) -> Registration | None:
    """His own registration in the auction, if he has one (one per beneficiary)."""
    return Registration.objects.filter(auction=auction, beneficiary=user).first()


def open_auctions() -> QuerySet[Auction]:
    """The auctions a migrant may register or bid in now (by their status), the soonest first."""
    return (
        Auction.objects.select_related("jurisdiction")
        .filter(status__in=[AuctionStatus.REGISTRATION, AuctionStatus.BIDDING])
        .order_by("bidding_closes", "id")
    )


def cleared(code: str) -> Auction:
    """An auction whose results are public: cleared or settled."""
    auction = auction_by_code(code)
    if auction.status in SEALED:
        raise Conflict("AUCTION_NOT_CLEARED", f"the auction is {auction.status}, not cleared")
    return auction


def seats_paid(auction: Auction) -> int:
    return Registration.objects.filter(auction=auction, seat=SeatStatus.PAID).count()


def visible_registration(user: User, registration_id: int) -> Registration:
    """A registration, to its beneficiary, the agency that filed it and the authority; to the
    others it is not found."""
    found = (
        Registration.objects.select_related("auction", "beneficiary")
        .filter(pk=registration_id)
        .first()
    )
    if found is None or not (
        user.role == Role.AUTHORITY or user.pk in {found.beneficiary_id, found.agency_id}
    ):
        raise NotFound("REGISTRATION_NOT_FOUND", "no such registration")
    return found


def registrations_of(user: User) -> QuerySet[Registration]:
    """GET /me/registrations: his own, or those an agency filed; the newest first."""
    found = Registration.objects.select_related("auction")
    if user.role == Role.AGENCY:
        return found.filter(agency=user).order_by("-registered_at", "-id")
    return found.filter(beneficiary=user).order_by("-registered_at", "-id")


def flagged(user: User, auction: Auction) -> QuerySet[Registration]:
    """The registrations flagged as perhaps one person twice: the authority's to look at."""
    if user.role != Role.AUTHORITY:
        raise NotFound("AUCTION_NOT_FOUND", f"no auction {auction.code!r}")
    return Registration.objects.filter(auction=auction).exclude(duplicate_of=None).order_by("id")


def revenue_of(auction: Auction) -> Money:
    """The prices paid for the seats whose visas were not refused."""
    paid = Registration.objects.filter(auction=auction, seat=SeatStatus.PAID).count()
    if auction.price is None:
        return Money(0, auction.currency)
    return rules.seat_price(auction.price, auction.term_months, auction.currency).times(paid)


def dividend_key(code: str) -> str:
    """The key of an auction's social dividend: one payout per auction."""
    return f"auction:{code}"


@dataclass(frozen=True)
class Dividend:
    """The public figures of an auction's social dividend (nobody's name in them)."""

    per_citizen: Money
    citizens: int
    paid_out: Money
    costs: Money
    remainder: Money  # stays in the program's account, for the next payout


def dividend_of(auction: Auction) -> Dividend | None:
    """What the settlement of the auction paid each citizen; None before it settles."""
    found: DividendPayout | None = ledger.payout(dividend_key(auction.code))
    if found is None:
        return None
    currency = found.currency
    return Dividend(
        per_citizen=Money(found.share, currency),
        citizens=found.citizens,
        paid_out=Money(found.share * found.citizens, currency),
        costs=Money(found.costs, currency),
        remainder=Money(found.remainder, currency),
    )


@dataclass(frozen=True)
class Verified:
    """`vip auction verify`: the clearing recomputed from the published inputs."""

    code: str
    logged_hash: str | None  # the result's hash in the audit log
    recomputed_hash: str | None
    seed_matches_commitment: bool

    @property
    def ok(self) -> bool:
        return (
            self.logged_hash is not None
            and self.logged_hash == self.recomputed_hash
            and self.seed_matches_commitment
        )


def verify(code: str) -> Verified:
    """Recompute the clearing from its published inputs (the contract of `vip auction clear`,
    the same kernel), compare with the hash the audit log kept, check the revealed seed against
    the commitment published when bidding opened (as logged then)."""
    auction = auction_by_code(code)
    if auction.inputs is None:
        raise Conflict("AUCTION_NOT_CLEARED", f"the auction is {auction.status}, not cleared")
    events = AuditEvent.objects.filter(object_type=Subject.AUCTION, object_id=str(auction.pk))
    cleared = events.filter(action=Action.AUCTION_CLEARED).first()
    opened = events.filter(action=Action.AUCTION_ADVANCED, data__to=AuctionStatus.BIDDING).first()
    seed = str(auction.inputs.get("seed", ""))
    committed = opened.data.get("seed_commitment") if opened else None
    return Verified(
        code=auction.code,
        logged_hash=cleared.data.get("result_hash") if cleared else None,
        recomputed_hash=rules.result_hash(rules.recompute(auction.inputs)),
        seed_matches_commitment=committed is not None and seed_commitment(seed) == committed,
    )

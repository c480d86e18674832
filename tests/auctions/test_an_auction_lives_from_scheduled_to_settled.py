"""The life of an auction, end to end through its services: registration (one person twice,
an agency's client), sealed bids, the clearing at one price with the committed seed, a winner
who does not pay and the next bidder who does, the settlement and its social dividend, the
books."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from typer.testing import CliRunner

from vip.auctions import rules, selectors, services
from vip.auctions.clearing import seed_commitment
from vip.auctions.models import Auction, AuctionStatus, Registration, RegistrationOutcome
from vip.auctions.models import SeatStatus as Seat
from vip.audit.models import Action, AuditEvent
from vip.cli import app
from vip.clock import now
from vip.errors import Conflict, DomainError, Forbidden
from vip.ledger.models import Leg
from vip.ledger.selectors import balances, check_books
from vip.people.models import User

from tests.auctions.life import HOUR, elapse, in_registration, terms, usd
from tests.auctions.seats import cover
from tests.cast import migrant
from tests.ledger.dividend import resident

pytestmark = pytest.mark.database


def balance(code: str) -> int:
    return int(Leg.objects.filter(account__code=code).aggregate(t=Sum("amount"))["t"] or 0)


def register(person: User, code: str, document: str) -> Registration:
    return services.register(
        user=person, code=code, document_country="NP", document_number=document
    )


def test_an_auction_lives_from_scheduled_to_settled(story: dict[str, User]) -> None:
    authority = story["authority"]
    resident(story["anthony"], story["carol"])  # the citizens the dividend is paid to
    auction = in_registration(authority)
    code = auction.code
    bishal = story["bishal"]
    dawa, gita, ram, hari = (migrant(authority, n) for n in ("Dawa", "Gita", "Ram", "Hari"))
    agency = story["agency"]

    mine = register(bishal, code, "PA 123")
    with pytest.raises(Conflict) as twice:
        register(bishal, code, "PA 999")
    assert twice.value.code == "ALREADY_REGISTERED"
    again = register(ram, code, "pa-123")  # Bishal's document under another account
    assert (again.duplicate_of_id, again.duplicate_reason) == (mine.pk, "document")
    registered = {p.full_name: register(p, code, f"D-{p.pk}") for p in (dawa, gita)}
    for_hari = services.register(
        user=agency, code=code, document_country="NP", document_number="H1", beneficiary_id=hari.pk
    )
    assert for_hari.agency_id == agency.pk and for_hari.consented_at is None

    elapse(auction, 2)
    opened = services.open_bidding(actor=authority, code=code)
    assert opened.seed_commitment == seed_commitment(opened.seed)
    with pytest.raises(Conflict) as early:
        services.close_bidding(actor=authority, code=code)
    assert early.value.code == "AUCTION_STEP_NOT_DUE"
    services.place_bid(user=bishal, registration_id=mine.pk, amount=usd(6000_00))
    services.place_bid(user=bishal, registration_id=mine.pk, amount=usd(5000_00))  # changed
    services.place_bid(user=ram, registration_id=again.pk, amount=usd(4000_00))
    for person in (dawa, gita):
        services.place_bid(
            user=person, registration_id=registered[person.full_name].pk, amount=usd(3000_00)
        )
    with pytest.raises(Conflict) as unconsented:
        services.place_bid(user=hari, registration_id=for_hari.pk, amount=usd(500_00))
    assert unconsented.value.code == "CONSENT_MISSING"
    services.consent(user=hari, registration_id=for_hari.pk)
    services.place_bid(user=hari, registration_id=for_hari.pk, amount=usd(500_00))

    # Sealed: the bidder reads his own; the authority, before the clearing, does not.
    bid = services.read_bid(user=bishal, registration_id=mine.pk)
    assert bid is not None and bid.amount == 5000_00
    with pytest.raises(Forbidden) as sealed:
        services.read_bid(user=authority, registration_id=mine.pk)
    assert sealed.value.code == "BID_SEALED"
    with pytest.raises(DomainError):
        services.place_bid(user=authority, registration_id=mine.pk, amount=usd(1))
    logged = AuditEvent.objects.filter(action__in=[Action.BID_PLACED, Action.BID_READ])
    assert not any("500000" in str(event.data) for event in logged), [e.data for e in logged]
    # One deposit per bidder, however often he changes his bid.
    assert balance(f"auction:{code}:deposits") == 5 * auction.deposit

    elapse(auction, 1)
    services.close_bidding(actor=authority, code=code)
    with pytest.raises(DomainError):
        services.place_bid(user=bishal, registration_id=mine.pk, amount=usd(9000_00))
    cleared = services.clear_auction(actor=authority, code=code)
    # Ram's 4000 counts for the person registered twice (the lower bid), Hari is below the
    # reserve, Dawa and Gita tie at 3000 for the second seat: the highest rejected is 3000.
    assert (cleared.price, cleared.bids_count, cleared.seed_revealed) == (3000_00, 4, True)
    event = AuditEvent.objects.get(action=Action.AUCTION_CLEARED)
    assert event.data["result_hash"] == cleared.result_hash
    assert rules.result_hash(rules.recompute(cleared.inputs)) == cleared.result_hash
    assert selectors.verify(code).ok
    verified = CliRunner().invoke(app, ["auction", "verify", code])
    assert verified.exit_code == 0 and verified.stdout.strip().endswith("verified")
    assert cleared.result_hash in verified.stdout
    tampered = {**cleared.inputs, "bids": cleared.inputs["bids"][1:]}
    Auction.objects.filter(pk=auction.pk).update(inputs=tampered)
    assert not selectors.verify(code).ok
    refused = CliRunner().invoke(app, ["auction", "verify", code])
    assert refused.exit_code == 2 and f"auction {code} does not verify" in refused.stderr
    unknown = CliRunner().invoke(app, ["auction", "verify", "NOPE"])
    assert unknown.exit_code == 2 and len(unknown.stderr.strip().splitlines()) == 1
    Auction.objects.filter(pk=auction.pk).update(inputs=cleared.inputs)
    outcomes = dict(Registration.objects.values_list("beneficiary__full_name", "outcome"))
    assert outcomes["Bishal"] == RegistrationOutcome.DUPLICATE
    assert outcomes["Ram"] == RegistrationOutcome.WON
    assert outcomes["Hari"] == RegistrationOutcome.BELOW_RESERVE
    assert sorted([outcomes["Dawa"], outcomes["Gita"]]) == ["standby", "won"]
    bid = services.read_bid(user=authority, registration_id=mine.pk)  # published now
    assert bid is not None

    tie_winner = Registration.objects.get(
        auction=cleared, outcome="won", beneficiary__in=[dawa, gita]
    )
    services.record_payment(authority=authority, registration_id=again.pk)
    with pytest.raises(Conflict) as waiting:
        services.settle(actor=authority, code=code)
    assert waiting.value.code == "SEATS_AWAIT_PAYMENT"
    Registration.objects.filter(pk=tie_winner.pk).update(pay_by=now() - HOUR)
    assert services.forfeit_overdue(actor=authority, code=code) == 1  # to the next bidder
    with pytest.raises(Conflict):
        services.settle(actor=authority, code=code)
    tie_winner.refresh_from_db()
    assert tie_winner.seat == Seat.FORFEITED
    following = Registration.objects.get(auction=cleared, seat=Seat.OFFERED)
    assert following.outcome == RegistrationOutcome.STANDBY
    services.record_payment(authority=authority, registration_id=following.pk)
    with pytest.raises(Conflict) as undecided:
        services.settle(actor=authority, code=code)
    assert undecided.value.code == "SEATS_AWAIT_VISA"
    for paid in (again, following):
        services.issue_visa(authority=authority, registration_id=paid.pk, insurance=cover())
    settled = services.settle(actor=authority, code=code)
    assert settled.status == AuctionStatus.SETTLED
    with pytest.raises(Conflict):
        services.settle(actor=authority, code=code)

    # Two seats of two visa-years at 3,000.00: 12,000.00 of revenue, less 2% of costs, to the
    # two citizens resident for a year: 5,880.00 each.
    dividend = selectors.dividend_of(settled)
    assert dividend is not None
    assert (dividend.per_citizen, dividend.citizens) == (usd(5880_00), 2)
    assert (dividend.costs, dividend.remainder) == (usd(240_00), usd(0))
    assert balances(story["anthony"]) == balances(story["carol"]) == {"USD": 5880_00}
    assert balance(f"auction:{code}:revenue") == 0
    assert balance("dividend:US:costs") == 240_00
    assert AuditEvent.objects.filter(action=Action.DIVIDEND_PAID).count() == 1
    assert balance(f"auction:{code}:forfeits") == auction.deposit
    assert balance(f"auction:{code}:deposits") == 0
    assert balance(f"auction:{code}:fees") == 5 * auction.registration_fee
    assert check_books().ok
    assert Auction.objects.get(pk=auction.pk).status == AuctionStatus.SETTLED


def test_the_daily_job_moves_an_auction_on_at_its_times(story: dict[str, User]) -> None:
    authority = story["authority"]
    auction = services.create_auction(authority=authority, terms=terms())
    assert services.advance_due() == {auction.code: ["registration"]}
    register(story["bishal"], auction.code, "X1")
    elapse(auction, 2)
    assert services.advance_due() == {auction.code: ["bidding"]}
    services.place_bid(
        user=story["bishal"], registration_id=Registration.objects.get().pk, amount=usd(2000_00)
    )
    elapse(auction, 1)
    # Closed, cleared (one bid, the reserve), and a seat waits for his payment.
    assert services.advance_due() == {auction.code: ["closed", "cleared"]}
    assert Auction.objects.get(pk=auction.pk).price == auction.reserve
    assert services.advance_due() == {}

"""A registration flagged as perhaps one person twice: the authority upholds the flag (the lower
bid counts) or dismisses it (two people, each counts), until the clearing; each word audited."""

from __future__ import annotations

import pytest

from vip.auctions import rules, selectors, services
from vip.auctions.models import DuplicateDecision, DuplicateReason, Registration
from vip.auctions.models import RegistrationOutcome as Out
from vip.audit.models import Action, AuditEvent
from vip.errors import Conflict, Invalid
from vip.people.models import User

from tests.auctions.life import elapse, in_registration, usd
from tests.cast import migrant

pytestmark = pytest.mark.database


def identity(pk: int, document: str) -> rules.Identity:
    return rules.Identity(pk, ("NP", document), None)


def test_the_authoritys_word_stands_over_the_recomputed_flags() -> None:
    people = [identity(1, "A"), identity(2, "A"), identity(3, "B")]
    assert rules.duplicate_links(people, {}) == {2: 1}
    assert rules.duplicate_links(people, {2: (DuplicateDecision.DISMISSED, 1)}) == {}
    # Upheld on facts that changed since (the document corrected): the link holds.
    assert rules.duplicate_links(people, {3: (DuplicateDecision.UPHELD, 1)}) == {2: 1, 3: 1}


def two_filings(story: dict[str, User]) -> tuple[str, Registration, Registration]:
    authority, bishal = story["authority"], story["bishal"]
    auction = in_registration(authority, quota=1)
    mine = services.register(
        user=bishal, code=auction.code, document_country="NP", document_number="PA 123"
    )
    ram = migrant(authority, "Ram")
    theirs = services.register(
        user=ram, code=auction.code, document_country="NP", document_number="pa-123"
    )
    return auction.code, mine, theirs


def bid_and_clear(story: dict[str, User], code: str, mine: Registration, theirs: Registration):
    authority = story["authority"]
    auction = selectors.auction_by_code(code)
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=code)
    services.place_bid(user=story["bishal"], registration_id=mine.pk, amount=usd(5000_00))
    services.place_bid(user=theirs.beneficiary, registration_id=theirs.pk, amount=usd(4000_00))
    elapse(auction, 1)
    services.close_bidding(actor=authority, code=code)
    return services.clear_auction(actor=authority, code=code)


def outcomes() -> dict[str, str]:
    return dict(Registration.objects.values_list("beneficiary__full_name", "outcome"))


def test_a_dismissed_flag_counts_two_people(story: dict[str, User]) -> None:
    authority = story["authority"]
    code, mine, theirs = two_filings(story)
    auction = selectors.auction_by_code(code)
    assert list(selectors.flagged(authority, auction)) == [theirs]
    assert theirs.duplicate_reason == DuplicateReason.DOCUMENT
    decided = services.decide_duplicate(
        authority=authority, registration_id=theirs.pk, decision="dismissed"
    )
    assert decided.duplicate_decision == DuplicateDecision.DISMISSED
    assert decided.duplicate_decided_by == authority
    event = AuditEvent.objects.get(action=Action.REGISTRATION_DUPLICATE_DECIDED)
    assert event.data["decision"] == "dismissed" and event.data["duplicate_of"] == mine.pk
    cleared = bid_and_clear(story, code, mine, theirs)
    assert outcomes() == {"Bishal": Out.WON, "Ram": Out.STANDBY}
    assert cleared.price == 4000_00
    with pytest.raises(Conflict) as late:
        services.decide_duplicate(authority=authority, registration_id=theirs.pk, decision="upheld")
    assert late.value.code == "AUCTION_ALREADY_CLEARED"


def test_an_upheld_flag_counts_the_lower_bid(story: dict[str, User]) -> None:
    authority = story["authority"]
    code, mine, theirs = two_filings(story)
    services.decide_duplicate(authority=authority, registration_id=theirs.pk, decision="dismissed")
    services.decide_duplicate(authority=authority, registration_id=theirs.pk, decision="upheld")
    bid_and_clear(story, code, mine, theirs)
    assert outcomes() == {"Bishal": Out.DUPLICATE, "Ram": Out.WON}
    assert AuditEvent.objects.filter(action=Action.REGISTRATION_DUPLICATE_DECIDED).count() == 2


def test_only_a_flag_is_decided_and_only_as_upheld_or_dismissed(story: dict[str, User]) -> None:
    authority = story["authority"]
    _, mine, theirs = two_filings(story)
    with pytest.raises(Conflict) as unflagged:
        services.decide_duplicate(authority=authority, registration_id=mine.pk, decision="upheld")
    assert unflagged.value.code == "REGISTRATION_NOT_FLAGGED"
    with pytest.raises(Invalid) as bad:
        services.decide_duplicate(authority=authority, registration_id=theirs.pk, decision="maybe")
    assert bad.value.code == "DUPLICATE_DECISION_INVALID"

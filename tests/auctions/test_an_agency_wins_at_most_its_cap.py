"""An agency's cap (its share of the quota) limits its winners: at the clearing its registrations
after the cap, in bid order, are skipped; the published inputs leave them out, so anyone who
recomputes the clearing gets the same result."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vip.auctions import rules, selectors, services
from vip.auctions.models import Auction, Registration, RegistrationOutcome
from vip.people.models import User

from tests.auctions.life import elapse, in_registration, usd
from tests.cast import migrant

pytestmark = pytest.mark.database


def test_the_cap_keeps_an_agencys_first_registrations_in_bid_order() -> None:
    order = [10, 11, 20, 12, 21, 30]
    agency_of = {10: 1, 11: 1, 12: 1, 20: 2, 21: 2, 30: None}
    assert rules.within_agency_cap(order, agency_of, 1) == ([10, 20, 30], [11, 12, 21])
    assert rules.within_agency_cap(order, agency_of, 2) == ([10, 11, 20, 21, 30], [12])
    assert rules.within_agency_cap(order, agency_of, 3) == (order, [])


def test_an_agencys_registrations_after_its_cap_win_no_seat(story: dict[str, User]) -> None:
    authority, agency, bishal = story["authority"], story["agency"], story["bishal"]
    # Filed under a looser cap (the auction's record said 1, three people), cleared under 1/3.
    auction = in_registration(authority, quota=3)
    Auction.objects.filter(pk=auction.pk).update(agency_cap_share=Decimal("1"))
    clients = [migrant(authority, name) for name in ("Hari", "Ram", "Sita")]
    filed = [
        services.register(
            user=agency,
            code=auction.code,
            document_country="NP",
            document_number=f"A{c.pk}",
            beneficiary_id=c.pk,
        )
        for c in clients
    ]
    selves = [bishal, migrant(authority, "Dawa"), migrant(authority, "Gita")]
    own = [
        services.register(
            user=p, code=auction.code, document_country="NP", document_number=f"S{p.pk}"
        )
        for p in selves
    ]
    Auction.objects.filter(pk=auction.pk).update(agency_cap_share=Decimal("0.34"))
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=auction.code)
    for client, registration, amount in zip(
        clients, filed, (5000_00, 4000_00, 3500_00), strict=True
    ):
        services.consent(user=client, registration_id=registration.pk)
        services.place_bid(user=client, registration_id=registration.pk, amount=usd(amount))
    for person, registration, amount in zip(selves, own, (3000_00, 2000_00, 1500_00), strict=True):
        services.place_bid(user=person, registration_id=registration.pk, amount=usd(amount))
    elapse(auction, 1)
    services.close_bidding(actor=authority, code=auction.code)
    cleared = services.clear_auction(actor=authority, code=auction.code)

    outcomes = dict(Registration.objects.values_list("beneficiary__full_name", "outcome"))
    assert outcomes == {
        "Hari": RegistrationOutcome.WON,
        "Ram": RegistrationOutcome.AGENCY_CAP,
        "Sita": RegistrationOutcome.AGENCY_CAP,
        "Bishal": RegistrationOutcome.WON,
        "Dawa": RegistrationOutcome.WON,
        "Gita": RegistrationOutcome.STANDBY,
    }
    assert (cleared.price, cleared.bids_count) == (1500_00, 4)  # the highest counted rejected
    skipped = Registration.objects.filter(outcome=RegistrationOutcome.AGENCY_CAP)
    assert {r.rank for r in skipped} == {None}
    assert {r.reference for r in skipped}.isdisjoint(b["id"] for b in cleared.inputs["bids"])
    assert selectors.verify(auction.code).ok

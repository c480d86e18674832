"""An auction through API v1: the authority creates it and moves it on, a migrant registers and
bids (sealed), a duplicate flag is decided, the winner pays and is issued an auction visa, and
anyone reads the results with no login: the figures and nothing personal."""

from __future__ import annotations

import datetime as dt

import pytest

from vip.auctions import rules
from vip.auctions.selectors import auction_by_code
from vip.clock import now
from vip.people.models import User

from tests.auctions.life import elapse
from tests.cast import Api, migrant

pytestmark = pytest.mark.database

HOUR = dt.timedelta(hours=1)
USD = "USD"


def test_an_auction_lives_through_the_api(story: dict[str, User], api: Api) -> None:
    authority, bishal = story["authority"], story["bishal"]
    dawa, ram = migrant(authority, "Dawa"), migrant(authority, "Ram")
    at = now()
    status, created = api.post(
        "/auctions",
        {
            "code": "US-API-1",
            "jurisdiction": "US",
            "quota": 1,
            "term_months": 12,
            "reserve": 1000_00,
            "registration_opens": (at - HOUR).isoformat(),
            "registration_closes": (at + HOUR).isoformat(),
            "bidding_opens": (at + 2 * HOUR).isoformat(),
            "bidding_closes": (at + 3 * HOUR).isoformat(),
        },
        as_=authority,
    )
    assert status == 201 and created["status"] == "scheduled" and created["agency_cap"] == 1
    code = created["code"]
    assert api.post(f"/auctions/{code}/open-registration", as_=authority)[0] == 200
    assert [a["code"] for a in api.get("/auctions", as_=bishal)[1]] == [code]
    refused = api.post(f"/auctions/{code}/open-registration", as_=bishal)
    assert refused[0] == 403 and refused[1]["error"]["code"] == "ROLE_REQUIRED"

    document = {"document_country": "NP", "document_number": "PA 1"}
    status, mine = api.post(f"/auctions/{code}/registrations", document, as_=bishal)
    assert status == 201 and mine["consented_at"] is not None
    status, twice = api.post(f"/auctions/{code}/registrations", document, as_=ram)
    assert status == 201 and twice["duplicate_reason"] == "document"
    other = {"document_country": "NP", "document_number": "D-2"}
    theirs = api.post(f"/auctions/{code}/registrations", other, as_=dawa)[1]
    flagged = api.get(f"/auctions/{code}/flagged", as_=authority)[1]
    assert [r["id"] for r in flagged] == [twice["id"]]
    bad = api.post(f"/registrations/{twice['id']}/duplicate", {"decision": "maybe"}, as_=authority)
    assert bad[0] == 422 and bad[1]["error"]["code"] == "DUPLICATE_DECISION_INVALID"
    status, decided = api.post(
        f"/registrations/{twice['id']}/duplicate", {"decision": "dismissed"}, as_=authority
    )
    assert status == 200 and decided["duplicate_decision"] == "dismissed"

    auction = auction_by_code(code)
    elapse(auction, 2)
    opened = api.post(f"/auctions/{code}/open-bidding", as_=authority)[1]
    assert len(opened["seed_commitment"]) == 64
    for person, registration, amount in (
        (bishal, mine, 5000_00),
        (ram, twice, 4000_00),
        (dawa, theirs, 3000_00),
    ):
        bid = {"amount": {"amount": amount, "currency": USD}}
        assert api.put(f"/registrations/{registration['id']}/bid", bid, as_=person)[0] == 200
    assert api.get(f"/registrations/{mine['id']}/bid", as_=bishal)[1]["amount"]["amount"] == 5000_00
    sealed = api.get(f"/registrations/{mine['id']}/bid", as_=authority)
    assert sealed[0] == 403 and sealed[1]["error"]["code"] == "BID_SEALED"
    early = api.get(f"/auctions/{code}/results")
    assert early[0] == 409 and early[1]["error"]["code"] == "AUCTION_NOT_CLEARED"
    early = api.get(f"/auctions/{code}/inputs")  # nobody's bid before the clearing
    assert early[0] == 409 and early[1]["error"]["code"] == "AUCTION_NOT_CLEARED"

    elapse(auction, 1)
    assert api.post(f"/auctions/{code}/close", as_=authority)[0] == 200
    cleared = api.post(f"/auctions/{code}/clear", as_=authority)[1]
    assert cleared["status"] == "cleared" and cleared["price"]["amount"] == 4000_00
    won = api.get(f"/registrations/{mine['id']}", as_=bishal)[1]
    assert (won["outcome"], won["seat"]) == ("won", "offered")

    assert api.post(f"/registrations/{mine['id']}/payment", as_=authority)[0] == 200
    waiting = api.post(f"/auctions/{code}/settle", as_=authority)
    assert waiting[0] == 409 and waiting[1]["error"]["code"] == "SEATS_AWAIT_VISA"
    today = now().date()
    insurance = {
        "provider": "Mutual Health",
        "policy_number": "MH-9",
        "coverage": {"amount": 100_000_00, "currency": USD},
        "valid_from": today.isoformat(),
        "valid_to": (today + dt.timedelta(days=366)).isoformat(),
    }
    status, visa = api.post(
        f"/registrations/{mine['id']}/visa", {"insurance": insurance}, authority
    )
    assert status == 201 and (visa["kind"], visa["status"]) == ("auction", "approved")
    assert (visa["sponsor"], visa["agreement"], visa["community"]) == (None, None, None)
    assert api.get(f"/registrations/{mine['id']}", as_=bishal)[1]["visa"] == visa["id"]
    again = api.post(f"/registrations/{mine['id']}/visa", {"insurance": insurance}, authority)
    assert again[0] == 409 and again[1]["error"]["code"] == "SEAT_NOT_PAID"
    assert api.post(f"/auctions/{code}/settle", as_=authority)[1]["status"] == "settled"

    status, results = api.get(f"/auctions/{code}/results")  # no login
    assert status == 200
    assert (results["quota"], results["bids"], results["winners"]) == (1, 3, 1)
    assert results["price"] == {"amount": 4000_00, "currency": USD}
    assert results["seats_paid"] == 1 and results["revenue"]["amount"] == 4000_00
    assert results["dividend"] is not None
    text = str(results)
    for person in (bishal, ram, dawa):
        assert person.full_name not in text and person.email not in text
    for registration in (mine, twice, theirs):
        assert registration["reference"] not in text

    # The published inputs, with no login: anyone recomputes the result and its logged hash.
    status, inputs = api.get(f"/auctions/{code}/inputs")
    assert status == 200 and inputs["seed"] == results["seed"]
    assert rules.result_hash(rules.recompute(inputs)) == results["result_hash"]
    published = {bid["id"]: bid["amount"] for bid in inputs["bids"]}
    assert len(published) == results["bids"]  # the flag dismissed: two people, each counted
    assert published == {
        mine["reference"]: 5000_00,
        twice["reference"]: 4000_00,
        theirs["reference"]: 3000_00,
    }
    for person in (bishal, ram, dawa):
        assert person.full_name not in str(inputs) and person.email not in str(inputs)

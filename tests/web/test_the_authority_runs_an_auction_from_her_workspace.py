"""The authority creates an auction on a form (checked before it is created, the times read in her
time zone), then takes each step from its page, which says what follows before she confirms:
registration, bidding, the close, the clearing, a winner's payment, the settlement. A step whose
time has not come is not offered; settling while a seat awaits payment is refused on the page.
Nobody else opens these pages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from vip.auctions import services
from vip.auctions.models import Auction, AuctionStatus, Registration
from vip.clock import now, today
from vip.people.models import User
from vip.people.selectors import time_zone

from tests.auctions.life import elapse, in_registration, usd
from tests.cast import migrant

pytestmark = pytest.mark.database


def client_of(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def typed(at: dt.datetime, zone: str) -> str:
    return at.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def terms_form(authority: User) -> dict[str, str]:
    zone, at = time_zone(authority), now().replace(second=0, microsecond=0)
    hour = dt.timedelta(hours=1)
    return {
        "code": "US-2028-1",
        "jurisdiction": "US",
        "quota": "1",
        "term_months": "24",
        "reserve": "1,000",
        "registration_opens": typed(at - hour, zone),
        "registration_closes": typed(at + hour, zone),
        "bidding_opens": typed(at + 2 * hour, zone),
        "bidding_closes": typed(at + 3 * hour, zone),
        "rule": "highest_rejected",
    }


def test_the_authority_runs_an_auction_from_her_workspace(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    client = client_of(authority)
    assert client.get("/home/")["Location"] == "/authority/"
    assert 'href="/authority/auctions/"' in client.get("/authority/").content.decode()

    form = terms_form(authority)
    bad = client.post("/authority/auctions/new/", {**form, "quota": "0", "reserve": "x"})
    assert "error-summary-heading" in bad.content.decode()
    check = client.post("/authority/auctions/new/", form).content.decode()
    assert "$1,000.00" in check and not Auction.objects.exists()
    made = client.post("/authority/auctions/new/", {**form, "confirm": "1"})
    assert made.status_code == 302 and made["Location"] == "/authority/auctions/US-2028-1/"
    auction = Auction.objects.get()
    assert auction.reserve == 1000_00 and auction.registration_opens < now()
    assert abs(auction.bidding_opens - now() - dt.timedelta(hours=2)) < dt.timedelta(minutes=2)
    assert "US-2028-1" in client.get("/authority/auctions/").content.decode()

    code, steps = auction.code, "/authority/auctions/US-2028-1"
    page = client.get(f"{steps}/").content.decode()
    assert f"{steps}/open-registration/" in page
    assert "$215.00" in client.get(f"{steps}/open-registration/").content.decode()
    assert client.post(f"{steps}/open-registration/").status_code == 302
    assert f"{steps}/open-bidding/" not in client.get(f"{steps}/").content.decode()  # not due
    early = client.post(f"{steps}/open-bidding/")
    assert early.status_code == 409 and "has not come yet" in early.content.decode()

    mine = services.register(user=bishal, code=code, document_country="NP", document_number="B1")
    ram = migrant(authority, "Ram")
    services.register(user=ram, code=code, document_country="NP", document_number="b-1")
    flagged = client.get(f"{steps}/").content.decode()
    assert "Ram, like Bishal registered before: the same passport" in flagged
    elapse(auction, 2)
    client.post(f"{steps}/open-bidding/")
    services.place_bid(user=bishal, registration_id=mine.pk, amount=usd(6000_00))
    assert "6,000" not in client.get(f"{steps}/").content.decode()  # sealed to her too
    elapse(auction, 2)
    client.post(f"{steps}/close/")
    assert "by the rule" in client.get(f"{steps}/clear/").content.decode()
    client.post(f"{steps}/clear/")

    refused = client.post(f"{steps}/settle/")
    assert refused.status_code == 409 and "SEATS_AWAIT_PAYMENT" in refused.content.decode()
    payment = f"{steps}/seats/{mine.pk}/payment/"
    assert payment in client.get(f"{steps}/").content.decode()
    owed = client.get(payment).content.decode()
    assert "$2,000.00" in owed and "$1,500.00" in owed  # 24 months at the reserve, less $500
    assert client.post(payment).status_code == 302
    waiting = client.post(f"{steps}/settle/")
    assert waiting.status_code == 409 and "SEATS_AWAIT_VISA" in waiting.content.decode()
    visa = f"{steps}/seats/{mine.pk}/visa/"
    assert visa in client.get(f"{steps}/").content.decode()
    assert "24 months from today" in client.get(visa).content.decode()
    assert "error-summary" in client.post(visa, {}).content.decode()
    insurance = {
        "provider": "Mutual Health",
        "policy_number": "MH-3",
        "coverage": "10",  # far below the minimum cover
        "valid_from": today().isoformat(),
        "valid_to": (today() + dt.timedelta(days=800)).isoformat(),
    }
    decided = client.post(visa, insurance).content.decode()
    assert "INSURANCE_COVERAGE_TOO_LOW" in decided
    assert "everything the winner paid is refunded" in decided
    assert client.get(visa).status_code == 404  # decided once
    assert client.post(f"{steps}/settle/").status_code == 302
    auction.refresh_from_db()
    assert auction.status == AuctionStatus.SETTLED
    assert Registration.objects.get(pk=mine.pk).paid_at is not None


def test_the_authoritys_auction_pages_are_hers(story: dict[str, User]) -> None:
    auction = in_registration(story["authority"])
    pages = [
        "/authority/auctions/",
        "/authority/auctions/new/",
        f"/authority/auctions/{auction.code}/",
        f"/authority/auctions/{auction.code}/open-bidding/",
    ]
    for other in (story["anthony"], story["bishal"], story["officer"]):
        assert {client_of(other).get(p).status_code for p in pages} == {404}
    assert {client_of(None).get(p).status_code for p in pages} == {302}
    client = client_of(story["authority"])
    assert client.get("/authority/auctions/NOPE/").status_code == 404
    assert client.get(f"/authority/auctions/{auction.code}/fly/").status_code == 404
    assert client.get(f"/authority/auctions/{auction.code}/settle/").status_code == 404  # not next


def test_a_seat_not_paid_in_time_is_forfeited_and_offered_to_the_next(
    story: dict[str, User],
) -> None:
    authority = story["authority"]
    auction = in_registration(authority, quota=1)
    first, second = migrant(authority, "Dawa"), migrant(authority, "Gita")
    mine = {
        p: services.register(user=p, code=auction.code, document_country="NP", document_number=n)
        for p, n in ((first, "D1"), (second, "G1"))
    }
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=auction.code)
    for p, amount in ((first, 6000_00), (second, 4000_00)):
        services.place_bid(user=p, registration_id=mine[p].pk, amount=usd(amount))
    elapse(auction, 2)
    services.close_bidding(actor=authority, code=auction.code)
    services.clear_auction(actor=authority, code=auction.code)
    Registration.objects.filter(pk=mine[first].pk).update(pay_by=now() - dt.timedelta(days=1))
    client, steps = client_of(authority), f"/authority/auctions/{auction.code}"

    assert f"{steps}/forfeit/" in client.get(f"{steps}/").content.decode()
    said = client.get(f"{steps}/forfeit/").content.decode()
    assert "The seats not paid by their day (1) are forfeited" in said
    assert client.post(f"{steps}/forfeit/").status_code == 302
    seats = dict(Registration.objects.filter(auction=auction).values_list("pk", "seat"))
    assert (seats[mine[first].pk], seats[mine[second].pk]) == ("forfeited", "offered")

"""Bishal finds the auction on his task list, reads its rules, registers with his passport (the fee
shown before he pays it) and places a sealed bid typed in his language's way of writing numbers,
then changes it; after the clearing he reads his result. A migrant not verified is told why on
the form. The public results page shows the price, then the social dividend per citizen, and
nobody's name. Other roles get a 404."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from vip.auctions import services
from vip.auctions.models import Auction, Bid, Registration
from vip.people.models import Role, User

from tests.auctions.life import elapse, in_registration, usd
from tests.auctions.seats import cover
from tests.cast import migrant, person

pytestmark = pytest.mark.database


def client_of(user: User | None, language: str = "en") -> Client:
    client = Client(headers={"accept-language": language})
    if user is not None:
        client.force_login(user)
    return client


def registered(client: Client, code: str, number: str = "PA 123") -> None:
    form = {"document_country": "NP", "document_number": number}
    check = client.post(f"/migrant/auctions/{code}/register/", form)
    assert "$215.00" in check.content.decode()  # the fee, before he pays it
    done = client.post(f"/migrant/auctions/{code}/register/", {**form, "confirm": "1"})
    assert done.status_code == 302, done.content.decode()


def test_the_migrant_registers_and_bids_in_an_auction(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    auction = in_registration(authority)
    code = auction.code
    client = client_of(bishal)

    tasks = client.get("/migrant/").content.decode()
    assert 'href="/migrant/auctions/"' in tasks
    assert code in client.get("/migrant/auctions/").content.decode()
    page = client.get(f"/migrant/auctions/{code}/").content.decode()
    assert "$1,000.00" in page and "the highest bid that did not win" in page
    assert f"/migrant/auctions/{code}/register/" in page

    registered(client, code)
    registration = Registration.objects.get(auction=auction, beneficiary=bishal)
    assert registration.document_number == "PA123"
    again = client.post(
        f"/migrant/auctions/{code}/register/",
        {"document_country": "NP", "document_number": "PA 123", "confirm": "1"},
    )
    assert "one registration per person" in again.content.decode()
    dawa = migrant(authority, "Dawa")
    mine = services.register(user=dawa, code=code, document_country="NP", document_number="D1")

    elapse(auction, 2)
    services.open_bidding(actor=authority, code=code)
    spanish = client_of(bishal, "es")
    check = spanish.post(f"/migrant/auctions/{code}/bid/", {"amount": "5.000,50 US$"})
    assert "5000,50" in check.content.decode().replace(".", "").replace("\xa0", "")
    spanish.post(f"/migrant/auctions/{code}/bid/", {"amount": "5.000,50", "confirm": "1"})
    assert Bid.objects.get(registration=registration).amount == 5000_50
    client.post(f"/migrant/auctions/{code}/bid/", {"amount": "6000", "confirm": "1"})
    assert Bid.objects.get(registration=registration).amount == 6000_00
    bid_page = client.get(f"/migrant/auctions/{code}/bid/").content.decode()
    assert "$6,000.00" in bid_page and "not even the authority" in bid_page

    services.place_bid(user=dawa, registration_id=mine.pk, amount=usd(3000_00))
    elapse(auction, 2)
    services.close_bidding(actor=authority, code=code)
    closed = client.get(f"/migrant/auctions/{code}/bid/").content.decode()
    assert "Bidding is not open" in closed and 'name="amount"' not in closed
    services.clear_auction(actor=authority, code=code)

    result = client.get(f"/migrant/auctions/{code}/").content.decode()
    assert "You won a visa. The price is $1,000.00 for each year." in result  # two seats
    assert "$2,000.00" in result  # 24 months at $1,000 a year
    lost = client_of(dawa).get(f"/migrant/auctions/{code}/").content.decode()
    assert "You won a visa" in lost  # the quota is two: both win at the reserve

    public = client_of(None).get(f"/auctions/{code}/results")
    text = public.content.decode()
    assert public.status_code == 200
    assert "$1,000.00" in text and "Bishal" not in text and "Dawa" not in text
    assert registration.reference not in text
    assert f'href="/api/v1/auctions/{code}/inputs"' in text  # the bids, to recompute the price
    assert client_of(None).get(f"/api/v1/auctions/{code}/inputs").status_code == 200

    for seat in Registration.objects.filter(auction__code=code, seat="offered"):
        services.record_payment(authority=authority, registration_id=seat.pk)
        services.issue_visa(authority=authority, registration_id=seat.pk, insurance=cover())
    services.settle(actor=authority, code=code)  # Anthony and Carol are not resident a year yet
    settled = client_of(None, "es").get(f"/auctions/{code}/results").content.decode()
    assert "Dividendo social, por cada ciudadano" in settled


def test_a_migrant_not_verified_is_told_why_on_the_form(story: dict[str, User]) -> None:
    auction = in_registration(story["authority"])
    unverified = person(story["authority"], "Hari", Role.MIGRANT, country="NP", verify=())
    client = client_of(unverified)
    answer = client.post(
        f"/migrant/auctions/{auction.code}/register/",
        {"document_country": "NP", "document_number": "X1", "confirm": "1"},
    )
    assert answer.status_code == 200
    assert "identity is not verified yet" in answer.content.decode()
    assert not Registration.objects.filter(auction=auction).exists()


def test_a_bid_that_is_no_amount_is_said_on_the_form(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    auction = in_registration(authority)
    client = client_of(bishal)
    registered(client, auction.code)
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=auction.code)
    for typed in ("", "abc", "-5", "10.001"):
        answer = client.post(f"/migrant/auctions/{auction.code}/bid/", {"amount": typed})
        assert answer.status_code == 200 and "error-summary-heading" in answer.content.decode()
    assert not Bid.objects.exists()


def test_the_lower_losing_bidder_reads_that_his_deposit_comes_back(
    story: dict[str, User],
) -> None:
    authority, bishal = story["authority"], story["bishal"]
    auction = in_registration(authority, quota=1)
    dawa = migrant(authority, "Dawa")
    ours = {
        p: services.register(user=p, code=auction.code, document_country="NP", document_number=n)
        for p, n in ((bishal, "B1"), (dawa, "D1"))
    }
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=auction.code)
    for p, amount in ((bishal, 6000_00), (dawa, 4000_00)):
        services.place_bid(user=p, registration_id=ours[p].pk, amount=usd(amount))
    elapse(auction, 2)
    services.close_bidding(actor=authority, code=auction.code)
    services.clear_auction(actor=authority, code=auction.code)

    won = client_of(bishal).get(f"/migrant/auctions/{auction.code}/").content.decode()
    assert "The price is $4,000.00 for each year." in won  # the highest rejected bid
    lost = client_of(dawa).get(f"/migrant/auctions/{auction.code}/").content.decode()
    assert "You did not win this time" in lost and "$500.00 is paid back" in lost


def test_the_auction_pages_are_the_migrants(story: dict[str, User]) -> None:
    auction = in_registration(story["authority"])
    pages = [f"/migrant/auctions/{auction.code}/{p}" for p in ("", "register/", "bid/")]
    for other in (story["anthony"], story["authority"]):
        assert {client_of(other).get(p).status_code for p in pages} == {404}
    assert {client_of(None).get(p).status_code for p in pages} == {302}
    assert client_of(story["bishal"]).get("/migrant/auctions/NOPE/").status_code == 404
    assert client_of(None).get("/auctions/NOPE/results").status_code == 404


@pytest.mark.parametrize(
    ("language", "typed", "amount"),
    [
        ("en", "5,000.50", "5000.50"),
        ("en", "$ 5000", "5000"),
        ("es", "5.000,50", "5000.50"),
        ("es", "5000.50", "5000.50"),  # one separator and two digits: a decimal point anywhere
        ("ne", "\u096b,\u0966\u0966\u0966.\u096b\u0966", "5000.50"),  # Devanagari digits
        ("ne", "5000", "5000"),
    ],
)
def test_an_amount_is_read_as_the_person_writes_it(language: str, typed: str, amount: str) -> None:
    from vip.web.auction_forms import parse_amount

    with translation.override(language):
        assert parse_amount(typed) == Decimal(amount)


def test_no_auction_no_task(story: dict[str, User]) -> None:
    assert Auction.objects.count() == 0
    assert "/migrant/auctions/" not in client_of(story["bishal"]).get("/migrant/").content.decode()


def test_he_agrees_to_the_registration_an_agency_made_for_him(story: dict[str, User]) -> None:
    authority = story["authority"]
    auction = in_registration(authority)
    hari = migrant(authority, "Hari")
    made = services.register(
        user=story["agency"],
        code=auction.code,
        document_country="NP",
        document_number="H1",
        beneficiary_id=hari.pk,
    )
    client = client_of(hari)
    page = client.get(f"/migrant/auctions/{auction.code}/").content.decode()
    assert "Acme Placement Agency registered you." in page
    assert f"/migrant/auctions/{auction.code}/consent/" in page
    assert client.post(f"/migrant/auctions/{auction.code}/consent/").status_code == 302
    made.refresh_from_db()
    assert made.consented_at is not None
    page = client.get(f"/migrant/auctions/{auction.code}/").content.decode()
    assert "/consent/" not in page

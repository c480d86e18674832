"""The seeds' story, end to end through the API: Anthony sponsors Bishal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vip.agreements.models import Agreement
from vip.audit.services import verify
from vip.calendar import add_months
from vip.clock import now, today
from vip.ledger.selectors import check_books
from vip.people.models import User

from tests.cast import Api, back_date, migrant
from tests.matching.demo import ANTHONYS_REQUEST


def codes(decision: dict[str, Any]) -> set[str]:
    return {reason["code"] for reason in decision["reasons"]}


def test_anthony_sponsors_bishal_from_request_to_deportation(
    story: dict[str, User], api: Api
) -> None:
    anthony, bishal, authority = story["anthony"], story["bishal"], story["authority"]

    # Anthony asks for an English-speaking worker in his 20s with construction experience, for
    # $12,000 a year and a private room.
    status, created = api.post("/requests", ANTHONYS_REQUEST, as_=anthony)
    assert status == 201
    status, found = api.get(f"/requests/{created['id']}/candidates?limit=10", as_=anthony)
    assert status == 200
    top = {c["migrant"]["id"]: c for c in found["results"]}
    assert bishal.pk in top
    assert "speaks en B2" in top[bishal.pk]["reasons"]
    assert "3 years in construction" in top[bishal.pk]["reasons"]
    assert "both like football" in top[bishal.pk]["reasons"]

    # They interview and sign a year at $12,000 with the spare room and a half gain share.
    start = today()
    status, offer = api.post(
        "/agreements",
        {
            "migrant": bishal.pk,
            "start_date": start,
            "duration_months": 12,
            "annual_pay": {"amount": 12_000_00, "currency": "USD"},
            "housing": "spare room",
            "work": "for_sponsor",
            "gain_share": 0.5,
            "sector": "construction",
        },
        as_=anthony,
    )
    assert (status, offer["status"]) == (201, "offered")

    # Before anyone signs, the agreement states his month: $1,000, $200 of it his home baseline,
    # $400 to Anthony, $600 his to keep. He stated his home earnings in rupees: NPR 319,920 a
    # year, $2,400 at the rate the offer locked.
    status, terms = api.get(f"/agreements/{offer['id']}", as_=bishal)
    assert terms["home_earnings_stated"] == {"amount": 319_920_00, "currency": "NPR"}
    assert terms["home_annual_earnings"] == {"amount": 2_400_00, "currency": "USD"}
    assert terms["exchange_rate"]["shown"] == "1 USD = 133.3 NPR"
    assert terms["monthly"] == {
        "pay": {"amount": 1_000_00, "currency": "USD"},
        "baseline": {"amount": 200_00, "currency": "USD"},
        "gain_share": {"amount": 400_00, "currency": "USD"},
        "keeps": {"amount": 600_00, "currency": "USD"},
    }
    status, interview = api.post(
        f"/agreements/{offer['id']}/interviews",
        {"at": (now() + dt.timedelta(days=1)).isoformat()},
        as_=bishal,
    )
    assert status == 201 and interview["video_url"].startswith("https://")
    assert api.post(f"/agreements/{offer['id']}/sign", as_=anthony)[1]["status"] == "offered"
    assert api.post(f"/agreements/{offer['id']}/sign", as_=bishal)[1]["status"] == "signed"

    # Refused without insurance, approved with it.
    status, refused = api.post("/visas", {"agreement": offer["id"], "insurance": None}, as_=anthony)
    assert status == 201 and refused["status"] == "refused"
    assert codes(refused["decision"]) == {"INSURANCE_MISSING"}
    cover = {
        "provider": "Mutual Health",
        "policy_number": "MH-77",
        "coverage": {"amount": 150_000_00, "currency": "USD"},
        "valid_from": start,
        "valid_to": add_months(start, 12),
    }
    status, visa = api.post("/visas", {"agreement": offer["id"], "insurance": cover}, as_=anthony)
    assert (status, visa["status"], visa["decision"]["outcome"]) == (201, "approved", "approved")

    # Anthony's second application is refused: one migrant at a time.
    dawa = migrant(authority, "Dawa", languages=[{"code": "en", "level": "B1"}])
    status, second = api.post(
        "/agreements",
        {
            "migrant": dawa.pk,
            "start_date": start,
            "duration_months": 12,
            "annual_pay": {"amount": 12_000_00, "currency": "USD"},
            "housing": "spare room",
            "work": "for_sponsor",
            "gain_share": "1/2",
        },
        as_=anthony,
    )
    api.post(f"/agreements/{second['id']}/sign", as_=anthony)
    api.post(f"/agreements/{second['id']}/sign", as_=dawa)
    status, again = api.post("/visas", {"agreement": second["id"], "insurance": cover}, as_=anthony)
    assert status == 201 and again["status"] == "refused"
    assert "SPONSOR_HAS_ACTIVE_SPONSORSHIP" in codes(again["decision"])

    # A month on: Bishal arrived on the first day and worked; at the month's end he pays half
    # his gain over $2,400 a year at home.
    start = back_date(Agreement.objects.get(pk=offer["id"]), months=1).start_date
    vid = visa["id"]
    assert (
        api.post(f"/visas/{vid}/events", {"kind": "arrived", "occurred_on": start}, as_=anthony)[1][
            "visa"
        ]["status"]
        == "active"
    )
    status, earned = api.post(
        f"/visas/{vid}/earnings",
        {"month": start, "amount": {"amount": 1_000_00, "currency": "USD"}},
        as_=bishal,
    )
    assert status == 201 and earned["gain_share"]["amount"] == (1_000_00 - 200_00) // 2

    # He loses his job: Anthony owes him the month's support.
    status, out = api.post(
        f"/visas/{vid}/events", {"kind": "unemployed", "occurred_on": today()}, as_=anthony
    )
    assert status == 200
    assert out["consequences"][0]["kind"] == "support_obligation"
    assert out["consequences"][0]["amount"] == {"amount": 800_00, "currency": "USD"}
    api.post(f"/visas/{vid}/events", {"kind": "employed", "occurred_on": today()}, as_=bishal)

    # He disappears: Anthony is fined and an enforcement case opens.
    status, out = api.post(
        f"/visas/{vid}/events", {"kind": "disappeared", "occurred_on": today()}, as_=anthony
    )
    assert out["visa"]["status"] == "absconded"
    kinds = {c["kind"]: c for c in out["consequences"]}
    assert kinds["fine"]["amount"] == {"amount": 5_000_00, "currency": "USD"}
    assert kinds["fine"]["parameter"] == "fine.disappearance"
    assert "enforcement_case" in kinds

    # The books: +$400 gain share, -$800 support, -$5,000 fine for Anthony.
    status, books = api.get("/me/ledger", as_=anthony)
    assert books["balances"] == [{"amount": 400_00 - 800_00 - 5_000_00, "currency": "USD"}]
    assert api.get("/me/ledger", as_=bishal)[1]["balances"] == [
        {"amount": -400_00 + 800_00, "currency": "USD"}
    ]
    assert api.get("/me/fines", as_=anthony)[1][0]["paid"] is False

    # Found, he is deported.
    out = api.post(
        f"/visas/{vid}/events", {"kind": "found", "occurred_on": today()}, as_=authority
    )[1]
    assert out["visa"]["status"] == "revoked"
    out = api.post(
        f"/visas/{vid}/events", {"kind": "deported", "occurred_on": today()}, as_=authority
    )[1]
    assert out["visa"]["status"] == "deported"
    assert [h["to"] for h in out["visa"]["history"]] == [
        "approved",
        "active",
        "absconded",
        "revoked",
        "deported",
    ]

    assert check_books().ok
    assert verify().ok

"""Sectors are a vocabulary per jurisdiction (data, with names): an unknown code is refused
wherever a sector is named, in a community's rules, a request, an offer or a profile."""

from __future__ import annotations

from vip.clock import today
from vip.people.models import User
from vip.policy.parameters import jurisdictions
from vip.policy.sectors import vocabularies

from tests.cast import Api


def test_every_jurisdiction_has_its_sectors_with_names_and_a_source() -> None:
    assert set(vocabularies()) == set(jurisdictions())
    for vocabulary in vocabularies().values():
        assert vocabulary.reference and vocabulary.names
        assert all(name.strip() for name in vocabulary.names.values())


def test_a_jurisdictions_sectors_are_served_with_their_names(db: None, api: Api) -> None:
    status, body = api.get("/jurisdictions/US/sectors")
    assert status == 200
    assert {"code": "construction", "name": "Construction"} in body["sectors"]
    assert body["reference"]


def test_a_community_cannot_allow_an_unknown_sector(story: dict[str, User], api: Api) -> None:
    status, payload = api.put(
        "/communities/springfield/rules", {"allowed_sectors": ["care", "piracy"]}, story["officer"]
    )
    assert (status, payload["error"]["code"]) == (422, "SECTOR_UNKNOWN")
    assert payload["error"]["details"]["sectors"] == ["piracy"]


def test_a_request_cannot_ask_for_an_unknown_sector(story: dict[str, User], api: Api) -> None:
    status, payload = api.post(
        "/requests", {"sectors": [{"code": "piracy", "min_years": 1}]}, story["anthony"]
    )
    assert (status, payload["error"]["code"]) == (422, "SECTOR_UNKNOWN")


def test_an_offer_cannot_name_an_unknown_sector(story: dict[str, User], api: Api) -> None:
    body = {
        "migrant": story["bishal"].pk,
        "start_date": str(today()),
        "duration_months": 12,
        "annual_pay": {"amount": 12_000_00, "currency": "USD"},
        "housing": "spare room",
        "work": "for_sponsor",
        "gain_share": "1/2",
        "sector": "piracy",
    }
    status, payload = api.post("/agreements", body, story["anthony"])
    assert (status, payload["error"]["code"]) == (422, "SECTOR_UNKNOWN")


def test_a_migrant_cannot_claim_experience_in_an_unknown_sector(
    story: dict[str, User], api: Api
) -> None:
    status, payload = api.put(
        "/me/profile", {"sectors": [{"code": "piracy", "years": 3}]}, story["bishal"]
    )
    assert (status, payload["error"]["code"]) == (422, "SECTOR_UNKNOWN")

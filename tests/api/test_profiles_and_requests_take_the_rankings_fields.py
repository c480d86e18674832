"""The optional fields the ranking ranks on, through the API (added, never required)."""

from __future__ import annotations

import datetime as dt

from vip.matching import from_database
from vip.people.models import User

from tests.cast import Api


def test_a_migrants_profile_fields_reach_his_ranking_record(
    story: dict[str, User], api: Api
) -> None:
    bishal = story["bishal"]
    status, _ = api.put(
        "/me/profile",
        {
            "available_from": "2027-02-01",
            "jurisdictions": ["US", "CA"],
            "religion": "buddhist",
            "wants_other_adults": True,
            "pay_expectation": 15_000_00,
            "housing_need": "private_home",
            "soft_criteria": ["religion", "pay"],
            "languages": [{"code": "ne", "level": "native"}],
        },
        as_=bishal,
    )
    assert status == 200
    [record] = from_database.migrant_records([bishal.pk])
    assert record.available_from == dt.date(2027, 2, 1)
    assert record.jurisdictions == {"US", "CA"}
    assert (record.religion, record.wants_other_adults) == ("buddhist", True)
    assert (record.pay_expectation, record.housing_need) == (15_000_00, "private_home")
    assert record.preferences == {"religion", "pay"}
    assert record.languages == {"ne": "C2"}  # native counts as C2
    assert "np" in record.heritage  # his country of origin


def test_a_sponsors_adults_and_a_requests_terms_reach_the_ranking(
    story: dict[str, User], api: Api
) -> None:
    carol = story["carol"]
    assert api.put("/me/profile", {"adults": 3, "soft_criteria": ["housing"]}, as_=carol)[0] == 200
    status, created = api.post(
        "/requests",
        {
            "start_date": "2027-03-01",
            "annual_pay": {"amount": 20_000_00, "currency": "USD"},
            "housing": "private_home",
        },
        as_=carol,
    )
    assert status == 201
    [record] = from_database.sponsor_records(ids=[created["id"]])
    assert (record.household_adults, record.preferences) == (3, {"housing"})
    assert (record.start_date, record.annual_pay, record.housing) == (
        dt.date(2027, 3, 1),
        20_000_00,
        "private_home",
    )


def test_a_requests_pay_in_another_currency_is_refused(story: dict[str, User], api: Api) -> None:
    status, body = api.post(
        "/requests", {"annual_pay": {"amount": 1, "currency": "EUR"}}, as_=story["carol"]
    )
    assert (status, body["error"]["code"]) == (422, "CURRENCY_MISMATCH")

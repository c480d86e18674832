"""Parsing is strict: `true` is not the integer 1, "1" is not 1, a number is not a date."""

from __future__ import annotations

import pytest

from vip.people.models import User

from tests.cast import Api, signed_agreement


@pytest.mark.parametrize("value", [True, "7"])
def test_a_cap_that_is_not_an_integer_is_refused(
    story: dict[str, User], api: Api, value: object
) -> None:
    status, payload = api.put(
        "/communities/springfield/rules", {"max_active_visas": value}, story["officer"]
    )
    assert (status, payload["error"]["code"]) == (422, "INVALID_INPUT")


def test_a_flag_that_is_not_a_boolean_is_refused(story: dict[str, User], api: Api) -> None:
    status, payload = api.put("/communities/springfield/rules", {"open_zone": 1}, story["officer"])
    assert (status, payload["error"]["code"]) == (422, "INVALID_INPUT")


def test_a_birth_date_given_as_a_number_is_refused(story: dict[str, User], api: Api) -> None:
    body = {
        "email": "new@test.vip.example",
        "password": "long enough",
        "role": "migrant",
        "full_name": "New Person",
        "birth_date": 946684800,
        "country": "NP",
    }
    status, payload = api.post("/accounts", body)
    assert (status, payload["error"]["code"]) == (422, "INVALID_INPUT")


def test_an_interview_time_given_as_a_number_is_refused(story: dict[str, User], api: Api) -> None:
    agreement = signed_agreement(story["anthony"], story["bishal"])
    status, payload = api.post(
        f"/agreements/{agreement.pk}/interviews", {"at": 1_900_000_000}, story["bishal"]
    )
    assert (status, payload["error"]["code"]) == (422, "INVALID_INPUT")

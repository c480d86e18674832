"""A bad value gets the code docs/api.md documents for it, whichever layer (the schema or the
service) catches it first, and `loc` names the body once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from vip.clock import today
from vip.people.models import User
from vip.visas.models import Visa

from tests.cast import Api, active_visa

SIGN_UP = {
    "email": "new@test.vip.example",
    "password": "long enough",
    "role": "migrant",
    "full_name": "New Person",
    "birth_date": "1990-01-01",
    "country": "NP",
}


def offer(**changes: Any) -> Callable[[dict[str, User]], dict[str, Any]]:
    def body(story: dict[str, User]) -> dict[str, Any]:
        terms = {
            "migrant": story["bishal"].pk,
            "start_date": str(today()),
            "duration_months": 12,
            "annual_pay": {"amount": 12_000_00, "currency": "USD"},
            "housing": "spare room",
            "work": "for_sponsor",
            "gain_share": "1/2",
        }
        return {**terms, **changes}

    return body


def fixed(value: dict[str, Any]) -> Callable[[dict[str, User]], dict[str, Any]]:
    return lambda story: value


# code: (who calls, method, path with {visa}, body)
CASES: dict[str, tuple[str | None, str, str, Callable[[dict[str, User]], dict[str, Any]]]] = {
    "ROLE_UNKNOWN": (None, "post", "/accounts", fixed({**SIGN_UP, "role": "officer"})),
    "EMAIL_INVALID": (None, "post", "/accounts", fixed({**SIGN_UP, "email": "new.example"})),
    "PASSWORD_TOO_SHORT": (None, "post", "/accounts", fixed({**SIGN_UP, "password": "short"})),
    "BIRTH_DATE_IN_FUTURE": (
        None,
        "post",
        "/accounts",
        fixed({**SIGN_UP, "birth_date": str(today() + dt.timedelta(days=1))}),
    ),
    "COMMUNITY_UNKNOWN": (None, "post", "/accounts", fixed({**SIGN_UP, "community": "atlantis"})),
    "COMPLAINT_CATEGORY_UNKNOWN": (
        "bishal",
        "post",
        "/visas/{visa}/complaints",
        fixed({"category": "noise", "text": "loud"}),
    ),
    "OUTCOME_INVALID": ("authority", "post", "/visas/{visa}/decision", fixed({"outcome": "maybe"})),
    "AMNESTY_PATH_UNKNOWN": (
        "authority",
        "post",
        "/amnesty",
        lambda story: {
            "person": story["bishal"].pk,
            "jurisdiction": "US",
            "path": "asylum",
            "received_on": str(today()),
        },
    ),
    "DURATION_INVALID": ("anthony", "post", "/agreements", offer(duration_months=0)),
    "GAIN_SHARE_INVALID": ("anthony", "post", "/agreements", offer(gain_share="3/2")),
    "CURRENCY_MISMATCH": (
        "anthony",
        "post",
        "/agreements",
        offer(annual_pay={"amount": 12_000_00, "currency": "CAD"}),
    ),
    "AGE_RANGE_EMPTY": ("anthony", "post", "/requests", fixed({"age": {"min": 40, "max": 20}})),
    "EVENT_UNKNOWN": (
        "anthony",
        "post",
        "/visas/{visa}/events",
        fixed({"kind": "vanished", "occurred_on": str(today())}),
    ),
    "EARNINGS_INVALID": (
        "bishal",
        "post",
        "/visas/{visa}/earnings",
        fixed({"month": str(today().replace(day=1)), "amount": {"amount": 1, "currency": "CAD"}}),
    ),
}


@pytest.fixture
def visa(story: dict[str, User]) -> Visa:
    return active_visa(story["anthony"], story["bishal"])


@pytest.mark.parametrize("code", sorted(CASES))
def test_a_bad_value_gets_its_documented_code(
    story: dict[str, User], visa: Visa, api: Api, code: str
) -> None:
    who, method, path, body = CASES[code]
    status, payload = api.call(
        method, path.format(visa=visa.pk), story[who] if who else None, body(story)
    )
    assert (status, payload["error"]["code"]) == (422, code)


def test_a_schema_error_names_the_body_once(story: dict[str, User], api: Api) -> None:
    status, payload = api.post("/accounts", {**SIGN_UP, "role": "officer", "country": "np"})
    assert status == 422
    assert [e["loc"] for e in payload["error"]["details"]["errors"]] == [
        ["body", "role"],
        ["body", "country"],
    ]

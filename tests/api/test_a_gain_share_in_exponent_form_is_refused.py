"""A gain share is written 0.5 or "1/2": a string with an exponent is refused before it is
expanded ("1e-9999999" once cost seconds of CPU per request, then passed as a share of 0)."""

from __future__ import annotations

import pytest

from vip.clock import today
from vip.people.models import User

from tests.cast import Api


@pytest.mark.parametrize("share", ["1e-9999999", "5e-1", "0x1", "1_0/20", "1 / 2", "½", "1" * 13])
def test_a_gain_share_in_exponent_or_other_forms_is_refused(
    story: dict[str, User], api: Api, share: str
) -> None:
    status, payload = api.post(
        "/agreements",
        {
            "migrant": story["bishal"].pk,
            "start_date": today().isoformat(),
            "duration_months": 12,
            "annual_pay": {"amount": 12_000_00, "currency": "USD"},
            "housing": "spare room",
            "work": "for_sponsor",
            "gain_share": share,
        },
        story["anthony"],
    )
    assert (status, payload["error"]["code"]) == (422, "GAIN_SHARE_INVALID")


@pytest.mark.parametrize("share", ["1/2", " 1/3 ", "0.5", "0", "0.125", 0.25])
def test_plain_decimals_and_fractions_are_taken(
    story: dict[str, User], api: Api, share: str | float
) -> None:
    status, payload = api.post(
        "/agreements",
        {
            "migrant": story["bishal"].pk,
            "start_date": today().isoformat(),
            "duration_months": 12,
            "annual_pay": {"amount": 12_000_00, "currency": "USD"},
            "housing": "spare room",
            "work": "for_sponsor",
            "gain_share": share,
        },
        story["anthony"],
    )
    assert (status, payload["status"]) == (201, "offered")

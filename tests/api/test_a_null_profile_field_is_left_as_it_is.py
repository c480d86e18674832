"""Sending null for a profile field leaves the field as it is (it used to crash on NOT NULL)."""

from __future__ import annotations

import pytest

from vip.people.models import User

from tests.cast import Api


@pytest.mark.parametrize(
    "field", ["languages", "sectors", "countries_worked", "interests", "preferences"]
)
def test_a_null_profile_field_is_left_as_it_is(
    story: dict[str, User], api: Api, field: str
) -> None:
    bishal = story["bishal"]
    before = getattr(bishal.migrant_profile, field)
    status, payload = api.put("/me/profile", {field: None, "interests": ["chess"]}, bishal)
    assert status == 200
    bishal.migrant_profile.refresh_from_db()
    if field != "interests":
        assert getattr(bishal.migrant_profile, field) == before
    assert payload["updated"] == ["interests"]

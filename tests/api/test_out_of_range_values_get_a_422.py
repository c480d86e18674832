"""Numbers and times the database cannot hold are refused at the door with a 422, not a 500."""

from __future__ import annotations

import pytest

from vip.people.models import User

from tests.cast import Api, signed_agreement


@pytest.mark.parametrize("field", ["max_active_visas", "max_per_household"])
@pytest.mark.parametrize("value", [2**31, 2**63, 10**30])
def test_a_community_cap_beyond_its_column_gets_a_422(
    story: dict[str, User], api: Api, field: str, value: int
) -> None:
    status, payload = api.put("/communities/springfield/rules", {field: value}, story["officer"])
    assert (status, payload["error"]["code"]) == (422, "INVALID_INPUT")


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_an_interview_time_with_no_utc_equivalent_gets_a_422(
    story: dict[str, User], api: Api, at: str
) -> None:
    agreement = signed_agreement(story["anthony"], story["bishal"])
    status, payload = api.post(
        f"/agreements/{agreement.pk}/interviews", {"at": at}, story["bishal"]
    )
    assert (status, payload["error"]["code"]) == (422, "INVALID_INPUT")

"""The one-time amnesty intake for people already in the country."""

from __future__ import annotations

import datetime as dt

import pytest

from vip.errors import Conflict, Invalid
from vip.people.models import User
from vip.visas import services

from tests.cast import migrant

World = dict[str, User]


def test_an_undocumented_resident_enters_through_the_amnesty(story: World) -> None:
    rosa = migrant(story["authority"], "Rosa")
    services.amnesty_intake(
        authority=story["authority"],
        person_id=rosa.pk,
        jurisdiction_code="US",
        path="sponsorship",
        received_on=dt.date(2026, 3, 1),
    )
    rosa.migrant_profile.refresh_from_db()
    assert rosa.migrant_profile.in_country
    with pytest.raises(Conflict):
        services.amnesty_intake(
            authority=story["authority"],
            person_id=rosa.pk,
            jurisdiction_code="US",
            path="citizenship",
            received_on=dt.date(2026, 3, 2),
        )


def test_the_amnesty_is_refused_outside_its_window(story: World) -> None:
    rosa = migrant(story["authority"], "Rosa")
    with pytest.raises(Invalid) as refused:
        services.amnesty_intake(
            authority=story["authority"],
            person_id=rosa.pk,
            jurisdiction_code="US",
            path="citizenship",
            received_on=dt.date(2028, 1, 1),
        )
    assert refused.value.code == "AMNESTY_WINDOW_CLOSED"

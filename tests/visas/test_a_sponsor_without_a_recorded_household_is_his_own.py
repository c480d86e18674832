"""The household cap counts by household reference; a sponsor whose household the officer has not
recorded yet is a household of his own, never one with every other unrecorded sponsor."""

from __future__ import annotations

from vip.people import services as people
from vip.people.models import User

from tests.cast import migrant, visa_for
from tests.visas.test_application_from_records import capped


def test_two_unrecorded_sponsors_each_hold_their_households_visa(story: dict[str, User]) -> None:
    capped(story, max_per_household=1)
    assert visa_for(story["carol"], migrant(story["authority"], "Jyoti")).status == "approved"
    assert visa_for(story["anthony"], story["bishal"]).status == "approved"


def test_a_recorded_household_still_shares_its_cap(story: dict[str, User]) -> None:
    capped(story, max_per_household=1)
    people.assign_household(user=story["officer"], person_id=story["carol"].pk, household="12 Elm")
    visa_for(story["carol"], migrant(story["authority"], "Jyoti"))
    people.assign_household(
        user=story["officer"], person_id=story["anthony"].pk, household="12 Elm"
    )
    refused = visa_for(story["anthony"], story["bishal"])
    assert [r["code"] for r in refused.reasons] == ["HOUSEHOLD_CAP_REACHED"]

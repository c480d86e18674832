"""A change of a community's rules states only what changes: the other rules carry over."""

from __future__ import annotations

import datetime as dt

from vip.clock import today
from vip.people.models import User

from tests.cast import Api


def test_a_new_cap_keeps_the_household_cap_and_the_rate(story: dict[str, User], api: Api) -> None:
    # The seeds: Springfield caps 20 visas per 1,000 residents and one per household.
    status, rules = api.put(
        "/communities/springfield/rules", {"max_active_visas": 50}, story["officer"]
    )
    assert status == 200
    assert rules["max_active_visas"] == 50
    assert rules["max_per_household"] == 1
    assert float(rules["max_per_1000_residents"]) == 20
    assert rules["open_zone"] is False


def test_a_null_lifts_a_limit(story: dict[str, User], api: Api) -> None:
    status, rules = api.put(
        "/communities/springfield/rules", {"max_per_household": None}, story["officer"]
    )
    assert (status, rules["max_per_household"]) == (200, None)
    assert float(rules["max_per_1000_residents"]) == 20


def test_a_scheduled_change_carries_over_the_rules_in_force_on_its_date(
    story: dict[str, User], api: Api
) -> None:
    later = today() + dt.timedelta(days=30)
    api.put(
        "/communities/springfield/rules",
        {"allowed_sectors": ["care"], "effective_from": str(later)},
        story["officer"],
    )
    status, rules = api.put(
        "/communities/springfield/rules",
        {"open_zone": True, "effective_from": str(later + dt.timedelta(days=1))},
        story["officer"],
    )
    assert status == 200
    assert (rules["allowed_sectors"], rules["open_zone"]) == (["care"], True)
    assert rules["max_per_household"] == 1

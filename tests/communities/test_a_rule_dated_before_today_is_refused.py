"""A rule back-dated before today is refused, not silently overshadowed by today's."""

from __future__ import annotations

import datetime as dt

from vip.clock import today
from vip.communities.models import CommunityRules
from vip.people.models import User

from tests.cast import Api


def test_a_rule_dated_yesterday_is_refused_with_its_code(story: dict[str, User], api: Api) -> None:
    before = CommunityRules.objects.count()
    yesterday = today() - dt.timedelta(days=1)
    status, payload = api.put(
        "/communities/springfield/rules",
        {"max_active_visas": 3, "effective_from": str(yesterday)},
        story["officer"],
    )
    assert (status, payload["error"]["code"]) == (422, "RULE_DATE_IN_PAST")
    assert CommunityRules.objects.count() == before


def test_a_rule_from_today_or_later_is_taken(story: dict[str, User], api: Api) -> None:
    for day in (today(), today() + dt.timedelta(days=10)):
        status, payload = api.put(
            "/communities/springfield/rules",
            {"max_active_visas": 3, "effective_from": str(day)},
            story["officer"],
        )
        assert (status, payload["effective_from"]) == (200, str(day))

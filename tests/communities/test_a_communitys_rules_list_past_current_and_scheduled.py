"""GET /communities/{code}/rules lists every change: past, current, scheduled, superseded."""

from __future__ import annotations

import datetime as dt

from vip.clock import today
from vip.communities.models import CommunityRules
from vip.people.models import User

from tests.cast import Api


def test_the_list_shows_each_change_with_its_standing(story: dict[str, User], api: Api) -> None:
    soon, later = today() + dt.timedelta(days=10), today() + dt.timedelta(days=40)
    # The seeds' rules of Springfield become past: set (as the seeds were) a year ago.
    CommunityRules.objects.filter(community__code="springfield").update(
        effective_from=today() - dt.timedelta(days=365)
    )
    officer = story["officer"]
    api.put("/communities/springfield/rules", {"max_active_visas": 40}, officer)
    api.put(
        "/communities/springfield/rules",
        {"max_active_visas": 30, "effective_from": str(soon)},
        officer,
    )
    api.put(
        "/communities/springfield/rules",
        {"max_active_visas": 35, "effective_from": str(soon)},
        officer,
    )
    api.put(
        "/communities/springfield/rules",
        {"max_active_visas": 20, "effective_from": str(later)},
        officer,
    )

    status, body = api.get("/communities/springfield/rules")  # public, like the community
    assert status == 200
    assert [(r["max_active_visas"], r["standing"]) for r in body["rules"]] == [
        (None, "past"),
        (40, "current"),
        (30, "superseded"),
        (35, "scheduled"),
        (20, "scheduled"),
    ]
    assert all(r["set_by"] == officer.pk for r in body["rules"][1:])


def test_an_unknown_community_has_no_rules(db: None, api: Api) -> None:
    status, payload = api.get("/communities/atlantis/rules")
    assert (status, payload["error"]["code"]) == (404, "COMMUNITY_NOT_FOUND")

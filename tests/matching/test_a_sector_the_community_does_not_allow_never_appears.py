"""A community's rule: a sector it does not allow never appears, neither way."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from vip.communities import services as communities
from vip.matching import selectors
from vip.matching import services as matching
from vip.matching.services import RequestCriteria, SectorNeed
from vip.people.models import User

Capture = Callable[..., AbstractContextManager[Any]]


def test_a_request_in_a_sector_springfield_does_not_allow_shows_no_one(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    construction = matching.create_request(
        user=anthony,
        sponsor=anthony,
        criteria=RequestCriteria(sectors=(SectorNeed("construction", 1),)),
    )
    assert [c.id for c in selectors.candidates(construction.pk, 20)] == [bishal.pk]
    with django_capture_on_commit_callbacks(execute=True):
        communities.set_rules(
            user=story["officer"],
            community_code="springfield",
            effective_from=None,
            max_active_visas=None,
            max_per_1000_residents=None,
            max_per_household=1,
            allowed_sectors=["care"],
            open_zone=False,
        )
    assert selectors.candidates(construction.pk, 20) == []
    assert construction.pk not in [r.id for r in selectors.opportunities(bishal.pk, 20)]
    anything = matching.create_request(user=anthony, sponsor=anthony, criteria=RequestCriteria())
    assert [c.id for c in selectors.candidates(anything.pk, 20)] == [bishal.pk]

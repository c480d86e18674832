"""On the portal, a pair whose score is 0 is listed in neither direction: Anthony's request for a
shared religion only, which Bishal did not opt into, shows him no one and is not among Bishal's
sponsors looking for him; each page says that such a pair is not shown."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from django.test import Client

from vip.matching import services as matching
from vip.matching.ranking.records import SoftCriterion
from vip.matching.services import RequestCriteria, SectorNeed
from vip.people.models import User
from vip.web.selectors import reference

Capture = Callable[..., AbstractContextManager[Any]]


def _request(anthony: User, *wishes: SoftCriterion) -> int:
    criteria = RequestCriteria(sectors=(SectorNeed("construction", 1),), soft_criteria=wishes)
    return matching.create_request(user=anthony, sponsor=anthony, criteria=criteria).pk


def _page(person: User, path: str) -> str:
    client = Client()
    client.force_login(person)
    return client.get(path).content.decode()


def test_a_request_whose_wishes_bishal_does_not_share_shows_neither_to_the_other(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    with django_capture_on_commit_callbacks(execute=True):
        religion = _request(anthony, SoftCriterion.RELIGION)
        interests = _request(anthony, SoftCriterion.INTERESTS)

    unfit = _page(anthony, f"/sponsor/requests/{religion}/candidates/")
    assert "Bishal" not in unfit
    assert "or whose wishes your request meets in nothing, is not shown" in unfit
    assert "Bishal" in _page(anthony, f"/sponsor/requests/{interests}/candidates/")
    looking = _page(bishal, "/migrant/opportunities/")
    assert reference(interests) in looking
    assert reference(religion) not in looking
    assert "wishes you meet in nothing, is not shown" in looking

"""Holding a visa, Bishal's "find another sponsor" page leads to the sponsors whose requests fit
him, and Carol's is listed there (rule 7: he may move while his visa stays active)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from django.test import Client

from vip.matching import services as matching
from vip.matching.services import SectorNeed
from vip.people.models import User
from vip.web.selectors import reference

from tests.cast import active_visa, fitting_bishal

Capture = Callable[..., AbstractContextManager[Any]]


def test_find_another_sponsor_lists_carols_request(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    bishal, carol = story["bishal"], story["carol"]
    with django_capture_on_commit_callbacks(execute=True):
        visa = active_visa(story["anthony"], bishal)
        carols = matching.create_request(
            user=carol,
            sponsor=carol,
            criteria=fitting_bishal(sectors=(SectorNeed("construction", 1),)),
        )
    client = Client()
    client.force_login(bishal)

    transfer = client.get(f"/migrant/visas/{visa.pk}/another-sponsor/").content.decode()
    assert 'href="/migrant/opportunities/"' in transfer
    listed = client.get("/migrant/opportunities/").content.decode()
    assert reference(carols.pk) in listed

"""Rule 7: a migrant may move to a new sponsor while his visa stays active. Holding a visa, he still
finds the open requests that fit him; no sponsor finds him among candidates unasked."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from vip.matching import selectors
from vip.matching import services as matching
from vip.matching.services import SectorNeed
from vip.people.models import User

from tests.cast import active_visa, fitting_bishal

Capture = Callable[..., AbstractContextManager[Any]]


def test_bishal_holding_a_visa_finds_carols_request_and_she_does_not_find_him(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal, carol = story["anthony"], story["bishal"], story["carol"]
    with django_capture_on_commit_callbacks(execute=True):
        active_visa(anthony, bishal)
        carols = matching.create_request(
            user=carol,
            sponsor=carol,
            criteria=fitting_bishal(sectors=(SectorNeed("construction", 1),)),
        )
    assert carols.pk in [r.id for r in selectors.opportunities(bishal.pk, 20)]
    assert bishal.pk not in [c.id for c in selectors.candidates(carols.pk, 20)]

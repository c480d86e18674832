"""An object named in a body (not the path) is as invisible as in a path: whoever may not act
on it gets the answer a non-existent id gets, for every role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from vip.clock import today

from tests.api.world import ROLES, World, build_world
from tests.cast import Api

NOWHERE = 10**9


def visa_for(agreement: int) -> dict[str, Any]:
    return {"agreement": agreement, "insurance": None}


def request_for(sponsor: int) -> dict[str, Any]:
    return {"sponsor": sponsor, "clean_record": True}


def agreement_for(sponsor: int) -> dict[str, Any]:
    return {
        "sponsor": sponsor,
        "migrant": NOWHERE,
        "start_date": today().isoformat(),
        "duration_months": 12,
        "annual_pay": {"amount": 12_000_00, "currency": "USD"},
        "housing": "spare room",
        "work": "for_sponsor",
        "gain_share": "1/2",
    }


# (endpoint, body naming an object, the object of the world, who may name it)
CASES: dict[str, tuple[Callable[[int], dict[str, Any]], Callable[[World], int], set[str]]] = {
    "/visas": (visa_for, lambda w: w.agreement.pk, {"anthony", "agency"}),
    "/requests": (request_for, lambda w: w.people["anthony"].pk, {"anthony", "agency"}),
    "/agreements": (agreement_for, lambda w: w.people["anthony"].pk, {"anthony", "agency"}),
}


@pytest.mark.parametrize("path", sorted(CASES))
def test_an_object_named_in_a_body_is_not_found_by_those_who_may_not_act_on_it(
    db: None, path: str
) -> None:
    world, api = build_world(), Api()
    body, target, allowed = CASES[path]
    for role in sorted(set(ROLES) - allowed):
        caller = world.people[role]
        hidden = api.post(path, body(target(world)), as_=caller)
        missing = api.post(path, body(NOWHERE), as_=caller)
        assert hidden[0] in {403, 404}, (role, hidden)
        # A sponsor naming himself is not hidden from himself: only others are compared.
        if caller.pk != target(world):
            assert hidden == missing, (role, hidden, missing)

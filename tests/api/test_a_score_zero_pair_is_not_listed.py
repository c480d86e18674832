"""Through the API, a pair whose score is 0 is listed in neither direction: Anthony asks only
for a shared religion, which Bishal did not opt into, so Bishal is not among that request's
candidates and the request is not among his opportunities; a request for what both wish for
(interests, pay, housing) lists each to the other."""

from __future__ import annotations

from typing import Any

from vip.people.models import User

from tests.cast import Api
from tests.matching.demo import ANTHONYS_REQUEST


def _candidates(api: Api, anthony: User, body: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    pk = api.post("/requests", body, as_=anthony)[1]["id"]
    return pk, api.get(f"/requests/{pk}/candidates?limit=200", as_=anthony)[1]["results"]


def _opportunities(api: Api, bishal: User) -> set[int]:
    return {o["request"] for o in api.get("/me/opportunities", as_=bishal)[1]["results"]}


def test_a_request_whose_wishes_bishal_does_not_share_lists_neither_to_the_other(
    story: dict[str, User], api: Api
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    pk, found = _candidates(api, anthony, {**ANTHONYS_REQUEST, "soft_criteria": ["religion"]})

    assert found == []
    assert pk not in _opportunities(api, bishal)


def test_a_request_for_what_both_wish_lists_each_to_the_other_above_0(
    story: dict[str, User], api: Api
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    both = {**ANTHONYS_REQUEST, "soft_criteria": ["interests", "pay", "housing"]}
    pk, found = _candidates(api, anthony, both)

    assert [(c["migrant"]["id"], c["score"]) for c in found] == [(bishal.pk, 1.0)]
    assert pk in _opportunities(api, bishal)

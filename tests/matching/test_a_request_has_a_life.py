"""A request is read with its terms, listed among the sponsor's own, closed by hand, and closes
by itself once the sponsor's visa is approved; a closed request is no longer ranked."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from vip.people.models import User

from tests.cast import Api, visa_for
from tests.matching.demo import ANTHONYS_REQUEST

World = dict[str, User]
Capture = Callable[..., AbstractContextManager[Any]]


def state(api: Api, sponsor: User) -> int:
    status, created = api.post("/requests", ANTHONYS_REQUEST, as_=sponsor)
    assert status == 201
    return int(created["id"])


def opportunities(api: Api, migrant: User) -> set[int]:
    return {o["request"] for o in api.get("/me/opportunities", as_=migrant)[1]["results"]}


def test_a_request_is_read_with_its_terms_by_whom_may_see_it(story: World, api: Api) -> None:
    pk = state(api, story["anthony"])
    status, found = api.get(f"/requests/{pk}", as_=story["anthony"])
    assert (status, found["open"], found["sponsor"]) == (200, True, story["anthony"].pk)
    assert found["terms"]["annual_pay"] == {"amount": 12_000_00, "currency": "USD"}
    assert (found["terms"]["housing"], found["terms"]["duration_months"]) == ("private_room", 12)
    assert found["age"] == {"min": 20, "max": 29}
    for other in ("carol", "bishal"):
        assert api.get(f"/requests/{pk}", as_=story[other])[0] == 404
    assert api.get("/me/requests", as_=story["carol"])[1]["results"] == []
    assert [r["id"] for r in api.get("/me/requests", as_=story["anthony"])[1]["results"]] == [pk]


def test_a_request_closed_by_hand_is_no_longer_ranked(
    story: World, api: Api, django_capture_on_commit_callbacks: Capture
) -> None:
    pk = state(api, story["anthony"])
    assert pk in opportunities(api, story["bishal"])
    with django_capture_on_commit_callbacks(execute=True):
        status, closed = api.post(f"/requests/{pk}/close", as_=story["anthony"])
    assert (status, closed["open"]) == (200, False)
    assert pk not in opportunities(api, story["bishal"])
    status, again = api.post(f"/requests/{pk}/close", as_=story["anthony"])
    assert (status, again["error"]["code"]) == (409, "REQUEST_CLOSED")
    status, refused = api.post(f"/requests/{pk}/close", as_=story["authority"])
    assert (status, refused["error"]["code"]) == (403, "NOT_SPONSOR")


def test_the_sponsors_requests_close_once_his_visa_is_approved(story: World, api: Api) -> None:
    pk = state(api, story["anthony"])
    assert visa_for(story["anthony"], story["bishal"]).status == "approved"
    assert api.get(f"/requests/{pk}", as_=story["anthony"])[1]["open"] is False

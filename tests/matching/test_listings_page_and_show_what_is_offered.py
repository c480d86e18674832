"""Listings page with a cursor past 200; an opportunity shows the request's terms and each
side's verified status."""

from __future__ import annotations

from vip.people.models import User

from tests.cast import Api
from tests.matching.demo import ANTHONYS_REQUEST, demo_world


def test_candidates_page_past_200_with_a_cursor(db: None, api: Api) -> None:
    anthony = demo_world(sponsors=5, migrants=300)["anthony"]
    # A home and good pay: nearly every demo migrant's wishes fit (a score of 0 is not listed).
    generous = {"annual_pay": {"amount": 40_000_00, "currency": "USD"}, "housing": "private_home"}
    pk = api.post("/requests", generous, as_=anthony)[1]["id"]
    status, first = api.get(f"/requests/{pk}/candidates?limit=200", as_=anthony)
    assert (status, len(first["results"]), first["next"]) == (200, 200, "200")
    status, second = api.get(
        f"/requests/{pk}/candidates?limit=200&cursor={first['next']}", as_=anthony
    )
    assert status == 200 and second["results"]
    ids = [c["migrant"]["id"] for c in first["results"] + second["results"]]
    assert len(ids) == len(set(ids))  # no one twice
    assert api.get(f"/requests/{pk}/candidates?cursor=-1", as_=anthony)[0] == 422


def test_an_opportunity_shows_the_terms_and_who_is_verified(
    story: dict[str, User], api: Api
) -> None:
    pk = api.post("/requests", ANTHONYS_REQUEST, as_=story["anthony"])[1]["id"]
    found = api.get("/me/opportunities", as_=story["bishal"])[1]
    [seen] = [o for o in found["results"] if o["request"] == pk]
    assert seen["terms"]["annual_pay"] == {"amount": 12_000_00, "currency": "USD"}
    assert (seen["terms"]["housing"], seen["terms"]["duration_months"]) == ("private_room", 12)
    assert seen["terms"]["start_date"] is None  # as soon as he can come
    assert (seen["sponsor"]["verified"], seen["migrant_verified"]) == (True, True)

"""The lists under /me show a person his own things: nothing of anyone else's."""

from __future__ import annotations

from tests.api.world import build_world
from tests.cast import Api


def test_people_with_nothing_to_do_with_the_objects_see_empty_lists(db: None) -> None:
    world, api = build_world(), Api()
    for role in ("frank", "gita", "rita"):
        for path in ("/me/visas", "/me/fines"):
            assert api.get(path, as_=world.people[role]) == (200, []), (role, path)
        status, books = api.get("/me/ledger", as_=world.people[role])
        assert (status, books) == (200, {"balances": [], "entries": []}), role


def test_each_sponsor_sees_only_his_own_fines_and_visas(db: None) -> None:
    world, api = build_world(), Api()
    anthony, carol = world.people["anthony"], world.people["carol"]
    assert api.get("/me/fines", as_=anthony) == (200, [])
    assert [f["id"] for f in api.get("/me/fines", as_=carol)[1]] == [world.fine.pk]
    assert {v["id"] for v in api.get("/me/visas", as_=anthony)[1]} == {world.visa.pk}
    assert world.visa.pk not in {v["id"] for v in api.get("/me/visas", as_=carol)[1]}


def test_an_officer_sees_the_visas_of_his_community_and_no_other(db: None) -> None:
    world, api = build_world(), Api()
    springfield = {v["community"] for v in api.get("/me/visas", as_=world.people["officer"])[1]}
    assert springfield == {"springfield"}
    assert api.get("/me/visas", as_=world.people["rita"]) == (200, [])

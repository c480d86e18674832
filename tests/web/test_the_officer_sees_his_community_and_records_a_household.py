"""The officer's workspace: his community's dashboard, and a household recorded for a resident he
found by name, never by id; every other role finds no such page."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User


def test_the_officer_finds_anthony_and_records_his_household(story: dict[str, User]) -> None:
    client = Client()
    client.force_login(story["officer"])
    assert client.get("/home/").headers["Location"] == "/community/"
    board = client.get("/community/")
    assert board.status_code == 200
    assert "Springfield" in board.content.decode()

    found = client.get("/community/households/", {"q": "anth"})
    assert "Anthony" in found.content.decode()
    anthony = story["anthony"]
    saved = client.post(
        f"/community/households/{anthony.pk}/", {"household": "12 Elm St", "q": "anth"}
    )
    assert saved.status_code == 302
    assert saved.headers["Location"] == "/community/households/?q=anth"
    anthony.sponsor_profile.refresh_from_db()
    assert anthony.sponsor_profile.household == "12 Elm St"


def test_a_household_outside_his_community_is_not_found(story: dict[str, User]) -> None:
    client = Client()
    client.force_login(story["officer"])
    bishal = story["bishal"]
    assert client.post(f"/community/households/{bishal.pk}/", {"household": "x"}).status_code == 404


def test_the_workspace_is_not_found_for_any_other_role(story: dict[str, User]) -> None:
    for name in ("authority", "agency", "anthony", "bishal"):
        client = Client()
        client.force_login(story[name])
        for path in ("/community/", "/community/households/"):
            assert client.get(path).status_code == 404, (name, path)
        assert client.post(f"/community/households/{story['anthony'].pk}/").status_code == 404

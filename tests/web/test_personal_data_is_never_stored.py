"""`Cache-Control: no-store` on every API response and every page for someone logged in; a
public page to a visitor may be cached."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User

from tests.cast import Api


def test_every_api_response_says_no_store(story: dict[str, User], api: Api) -> None:
    anthony = story["anthony"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api.token(anthony)}"}

    for path in ("/api/v1/me", "/api/v1/jurisdictions", "/api/v1/no-such-path"):
        response = api.client.get(path, **headers)
        assert response["Cache-Control"] == "no-store", path


def test_a_page_for_someone_logged_in_says_no_store(story: dict[str, User]) -> None:
    client = Client()
    client.force_login(story["authority"])

    assert client.get("/admin/")["Cache-Control"] == "no-store"
    assert client.get("/")["Cache-Control"] == "no-store"


def test_the_landing_page_for_a_visitor_is_not_marked(story: dict[str, User]) -> None:
    assert "no-store" not in Client().get("/").get("Cache-Control", "")

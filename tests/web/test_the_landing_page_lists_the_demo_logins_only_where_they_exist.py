"""The landing page lists the demo logins only when the demo data is loaded (issue 9): a
production database shows no e-mail and no password of accounts it does not have."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User


def test_an_empty_database_lists_no_demo_login(client: Client, db: None) -> None:
    page = client.get("/").content.decode()
    assert "anthony@vip.example" not in page
    assert "vip-demo-2026" not in page


def test_the_story_loaded_lists_each_login(client: Client, story: dict[str, User]) -> None:
    page = client.get("/").content.decode()
    assert "anthony@vip.example" in page and "bishal@vip.example" in page
    assert "vip-demo-2026" in page

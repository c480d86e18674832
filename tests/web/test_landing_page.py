"""The landing page, in a real browser: the program explained, the demo logins, the API docs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from vip.demo.people import DEMO_LOGINS, load_story

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def page(live_server: object, transactional_db: None) -> Iterator[Page]:
    """The story loaded first, then the browser: Django refuses ORM calls while its loop runs,
    and this fixture's teardown closes the browser before the database is flushed."""
    load_story()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page()
        browser.close()


def test_a_visitor_sees_the_program_and_every_demo_login(
    page: Page, live_server: object, tmp_path: Path
) -> None:
    page.goto(str(live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Visas between Individuals Program")
    for login in DEMO_LOGINS:
        expect(page.get_by_text(login.email)).to_be_visible()
    expect(page.get_by_role("cell", name="springfield", exact=True)).to_be_visible()
    page.screenshot(path=tmp_path / "landing.png", full_page=True)


def test_the_api_docs_render_offline_from_the_landing_page(page: Page, live_server: object) -> None:
    page.goto(str(live_server))
    page.get_by_role("link", name="API documentation").click()
    expect(page.get_by_text("VIP platform API").first).to_be_visible(timeout=15_000)
    expect(page.get_by_text("/api/v1/visas/{visa_id}/events").first).to_be_visible()

"""The landing page, in a real browser: the program explained, the demo logins, the API docs."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from vip.demo.people import DEMO_LOGINS

from tests.e2e.browser import person_page


def test_a_visitor_sees_the_program_and_every_demo_login(
    browser: Browser, portal: str, tmp_path: Path
) -> None:
    with person_page(browser) as page:
        page.goto(portal)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Visas between Individuals Program"
        )
        for login in DEMO_LOGINS:
            expect(page.get_by_text(login.email)).to_be_visible()
        expect(page.get_by_role("cell", name="springfield", exact=True)).to_be_visible()
        page.screenshot(path=tmp_path / "landing.png", full_page=True)


def test_the_api_docs_render_offline_from_the_landing_page(browser: Browser, portal: str) -> None:
    with person_page(browser) as page:
        page.goto(portal)
        page.get_by_role("link", name="API documentation").click()
        expect(page.get_by_text("VIP platform API").first).to_be_visible(timeout=15_000)
        expect(page.get_by_text("/api/v1/visas/{visa_id}/events").first).to_be_visible()

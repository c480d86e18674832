"""The switcher is a plain form: with JavaScript off, choosing Nepali translates this page and the
next ones, whatever the browser asks for."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.e2e.browser import DESKTOP


def test_the_language_switcher_keeps_the_choice_without_javascript(
    browser: Browser, portal: str
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en", viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{portal}accounts/login/")
        page.get_by_label("Language").select_option("ne")
        page.get_by_role("button", name="Change").click()
        expect(page.locator("html")).to_have_attribute("lang", "ne")
        expect(page.get_by_role("heading", level=1)).to_have_text("लगइन")
        page.goto(f"{portal}accounts/signup/")
        expect(page.get_by_role("heading", level=1)).to_have_text("खाता खोल्नुहोस्")
    finally:
        context.close()

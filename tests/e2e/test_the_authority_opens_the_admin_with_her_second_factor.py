"""The authority, in a real browser: her password, then the code of her authenticator app (the
demo's TOTP secret), then the admin; a wrong code is refused on the page."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.cast import totp_code
from tests.e2e.browser import assert_page_is_accessible, log_in, person_page


def test_the_authority_opens_the_admin_with_her_second_factor(
    browser: Browser, portal: str
) -> None:
    with person_page(browser) as page:
        page.goto(f"{portal}admin/")
        assert "/accounts/login/" in page.url
        log_in(page, portal, "authority@vip.example")
        assert "/accounts/2fa/authenticate/" in page.url
        assert_page_is_accessible(page)
        page.locator("#id_code").fill("000000")
        page.locator("main button[type=submit]").first.click()
        assert "/accounts/2fa/authenticate/" in page.url

        page.locator("#id_code").fill(totp_code())
        page.locator("main button[type=submit]").first.click()

        page.goto(f"{portal}admin/")
        assert page.url == f"{portal}admin/"
        assert page.locator("#site-name").count() == 1

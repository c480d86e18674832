"""Every workspace page that names no one thing (the authority's, the officer's and the agency's,
found by walking web/urls.py as the 404 matrix does, so a new page is covered the day it is added)
and the simulator's first page, in Spanish and in Nepali on a 390 px phone: 0 serious or critical
axe violations, no sideways scroll, within the page budget. The walks cover many of them in
English; Spanish's and Devanagari's longer words are what a phone's width finds first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.cast import totp_code
from tests.e2e.browser import checked, log_in, person_page
from tests.web.test_every_workspace_page_is_not_found_for_another_role import PAGES

STAFF = {
    "authority": "authority@vip.example",
    "community": "officer@vip.example",
    "agency": "agency@vip.example",
}


@pytest.mark.parametrize("language", ["es", "ne"])
@pytest.mark.parametrize("workspace", sorted(STAFF))
def test_every_workspace_page_passes_axe_on_a_phone(
    browser: Browser, portal: str, workspace: str, language: str
) -> None:
    paths = [path for owner, path, named in PAGES if owner == workspace and not named]
    opened = []
    with person_page(browser, language=language, phone=True) as page:
        log_in(page, portal, STAFF[workspace])
        page.locator("#id_code").fill(totp_code())
        page.locator("main button[type=submit]").first.click()
        page.wait_for_load_state("load")
        assert "/accounts/" not in page.url, page.url
        for path in paths:
            # A form's action (stop acting for someone, run the verification) answers a GET
            # with 405: there is no page to read.
            if page.request.get(portal + path.lstrip("/")).status == 405:
                continue
            page.goto(portal + path.lstrip("/"))
            assert page.locator("html").get_attribute("lang") == language, path
            checked(page)
            opened.append(path)
    assert f"/{workspace}/" in opened


@pytest.mark.parametrize("language", ["es", "ne"])
def test_the_simulator_passes_axe_on_a_phone(browser: Browser, portal: str, language: str) -> None:
    with person_page(browser, language=language, phone=True) as page:
        page.goto(f"{portal}simulator/")
        assert page.locator("html").get_attribute("lang") == language
        checked(page)

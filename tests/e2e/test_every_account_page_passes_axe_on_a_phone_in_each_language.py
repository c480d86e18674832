"""The account pages and the landing page: 0 serious or critical axe violations at desktop and at
390 px, no sideways scroll, in English, Spanish and Nepali, each within the page budget."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.e2e.browser import (
    LANGUAGES,
    PAGE_BUDGET_BYTES,
    assert_page_is_accessible,
    person_page,
    weight,
)

PAGES = ["", "accounts/login/", "accounts/signup/", "accounts/password/reset/"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_every_account_page_passes_axe_on_a_phone_in_each_language(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    for path in PAGES:
        with person_page(browser, language=language, phone=phone) as page:
            page.goto(portal + path)
            assert page.locator("html").get_attribute("lang") == language
            assert_page_is_accessible(page)
            assert weight(page) <= PAGE_BUDGET_BYTES, (path, weight(page))


def test_a_visitor_who_opens_his_tasks_is_asked_to_log_in(browser: Browser, portal: str) -> None:
    with person_page(browser) as page:
        page.goto(f"{portal}home/")
        assert "/accounts/login/" in page.url

"""Carol opening Anthony's candidates gets a 404 (no hint that the request exists), a migrant the
sponsor's pages too; a visitor is sent to the login page."""

from __future__ import annotations

from playwright.sync_api import Browser

from vip.demo.people import seed_request

from tests.e2e.browser import log_in, person_page


def test_a_page_of_another_person_is_not_found(browser: Browser, portal: str) -> None:
    request = seed_request()
    candidates = f"{portal}sponsor/requests/{request.pk}/candidates/"
    with person_page(browser) as page:
        log_in(page, portal, "carol@vip.example")
        response = page.goto(candidates)
        assert response is not None and response.status == 404
    with person_page(browser) as page:
        log_in(page, portal, "bishal@vip.example")
        response = page.goto(f"{portal}sponsor/")
        assert response is not None and response.status == 404
    with person_page(browser) as page:
        page.goto(candidates)
        assert "/accounts/login/" in page.url

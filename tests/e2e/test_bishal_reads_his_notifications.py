"""Bishal finds Anthony's offer among his notifications, opens it, and marks them read; the page
passes axe at desktop and on a phone, in each language, and is nobody else's."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from vip.agreements import services
from vip.people.models import User

from tests.cast import seed_terms
from tests.e2e.browser import checked, log_in, person_page


@pytest.mark.parametrize(("language", "phone"), [("en", False), ("es", True), ("ne", True)])
def test_bishal_reads_his_notifications(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    anthony = User.objects.get(email="anthony@vip.example")
    bishal = User.objects.get(email="bishal@vip.example")
    offer = services.offer(user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms())
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "bishal@vip.example")
        page.locator("header a[href$='/notifications/']").click()
        expect(page.locator(".usa-tag")).to_have_count(1)
        checked(page)
        page.locator(f"main a[href$='/agreements/{offer.pk}/']").click()
        expect(page).to_have_url(re.compile(rf"/agreements/{offer.pk}/$"))
        page.go_back()
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".usa-tag")).to_have_count(0)
        checked(page)
    with person_page(browser) as page:
        page.goto(f"{portal}notifications/")
        assert "/accounts/login/" in page.url

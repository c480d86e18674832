"""Bishal declines Anthony's offer from a page that says it costs him nothing; the offer can no
longer be signed, and his list says so. Anthony withdraws another. Each page passes axe at
desktop and on a phone, in each language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from vip.agreements import services
from vip.agreements.models import Agreement
from vip.people.models import User

from tests.cast import seed_terms
from tests.e2e.browser import checked, log_in, person_page


@pytest.mark.parametrize(("language", "phone"), [("en", False), ("es", True), ("ne", True)])
def test_bishal_declines_an_offer_at_no_cost(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    anthony = User.objects.get(email="anthony@vip.example")
    bishal = User.objects.get(email="bishal@vip.example")
    offer = services.offer(user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms())
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "bishal@vip.example")
        page.goto(f"{portal}agreements/{offer.pk}/")
        page.locator(f"a[href$='/agreements/{offer.pk}/decline/']").click()
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/agreements/{offer.pk}/$"))
        expect(page.locator("main form")).to_have_count(0)  # nothing left to sign
        page.goto(f"{portal}migrant/offers/")
        expect(page.locator(".usa-tag.vip-tag--later")).to_have_count(1)
        checked(page)
        response = page.goto(f"{portal}agreements/{offer.pk}/decline/")
        assert response is not None and response.status == 404  # no longer open
    assert Agreement.objects.get(pk=offer.pk).status == "declined"
    again = services.offer(user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms())
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "anthony@vip.example")
        page.goto(f"{portal}agreements/{again.pk}/withdraw/")
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/agreements/{again.pk}/$"))
    assert Agreement.objects.get(pk=again.pk).status == "withdrawn"

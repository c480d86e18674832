"""Anthony offers Bishal an agreement from his candidates: the terms, then "check your answers"
with Bishal's month (from his home earnings, stated in rupees, in dollars at the day's rate) and
what Anthony takes on, then a confirmation with a reference; an unlawful share comes back with its
reason code's message.
Bishal reads the agreement in his language with his own numbers and his rights, and both sign.
Each page passes axe at desktop and on a phone, in each language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from vip.agreements import services
from vip.agreements.models import Agreement
from vip.clock import today
from vip.demo.people import seed_request
from vip.people.models import User

from tests.cast import seed_terms
from tests.e2e.browser import checked, log_in, person_page

TERMS = {
    "#id_duration_months": "12",
    "#id_annual_pay": "12000",
    "#id_housing": "the spare room",
    "#id_gain_share": "50",
}


def fill_terms(page: Page, share: str) -> None:
    page.locator("#id_start_date").fill(today().isoformat())
    for field, value in TERMS.items():
        page.locator(field).fill(value)
    page.locator("#id_gain_share").fill(share)
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize(("language", "phone"), [("en", False), ("es", True), ("ne", True)])
def test_anthony_offers_and_both_sign(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    request = seed_request()
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "anthony@vip.example")
        page.goto(f"{portal}sponsor/requests/{request.pk}/candidates/")
        page.locator(".vip-result a[href*='/sponsor/offer/']").first.click()
        checked(page)
        page.locator("main form button[type=submit]").click()  # nothing given: on the form
        expect(page.locator("#id_annual_pay-error")).to_be_visible()
        checked(page)
        fill_terms(page, share="90")  # above the law's highest share
        expect(page).to_have_url(re.compile(r"/check/$"))
        expect(page.locator("main dl")).to_have_count(2)  # the terms, and Bishal's month
        # His rupees, and the dollars they are worth at the day's rate (rule 11).
        expect(page.locator("main dl").nth(1)).to_contain_text("1 USD = 133")
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".vip-reason-code")).to_contain_text("GAIN_SHARE_ABOVE_MAX")
        checked(page)
        page.locator("a[href*='/sponsor/offer/']").first.click()
        fill_terms(page, share="50")
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/sponsor/offers/\d+/$"))
        agreement = Agreement.objects.get()
        expect(page.locator("main")).to_contain_text(f"R-{agreement.pk:06d}")
        checked(page)
        page.locator(f"a[href$='/agreements/{agreement.pk}/']").click()
        page.locator("main form button[type=submit]").click()  # Anthony signs
        expect(page.locator("main form")).to_have_count(0)
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "bishal@vip.example")
        page.goto(f"{portal}migrant/offers/")
        checked(page)
        page.locator(f"a[href$='/agreements/{agreement.pk}/']").click()
        checked(page)
        page.locator("main form button[type=submit]").click()  # Bishal signs
        expect(page.locator("main form")).to_have_count(0)
        checked(page)
    agreement.refresh_from_db()
    assert agreement.status == "signed"


def test_an_agreement_is_not_found_by_another_person(browser: Browser, portal: str) -> None:
    anthony = User.objects.get(email="anthony@vip.example")
    bishal = User.objects.get(email="bishal@vip.example")
    offer = services.offer(user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms())
    with person_page(browser) as page:
        log_in(page, portal, "carol@vip.example")
        for address in (f"agreements/{offer.pk}/", f"sponsor/offers/{offer.pk}/"):
            response = page.goto(f"{portal}{address}")
            assert response is not None and response.status == 404, address
    with person_page(browser) as page:
        log_in(page, portal, "bishal@vip.example")
        response = page.goto(f"{portal}sponsor/offer/{bishal.pk}/")
        assert response is not None and response.status == 404
    with person_page(browser) as page:
        page.goto(f"{portal}agreements/{offer.pk}/")
        assert "/accounts/login/" in page.url

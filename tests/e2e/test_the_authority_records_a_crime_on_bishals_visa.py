"""Bishal has been convicted of a crime. The authority, with her second factor, finds him by name
from her workspace, opens his visa from the search, chooses to record his conviction, sends the
day empty (the error summary), then yesterday: before anything is sent she reads the fine on
Anthony with its amount and the deportation order, effective once the sentence is served; she
sends it and the visa's page shows the order and the conviction on its timeline. Every page
passes axe and fits the window at desktop and on a phone, in English and Spanish."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from playwright.sync_api import Browser, expect

from vip.clock import now, today
from vip.people.models import User
from vip.visas.models import DeportationOrder, Fine, Status, Visa
from vip.web.templatetags.vip_format import money

from tests.cast import active_visa, totp_code
from tests.e2e.browser import checked, log_in, person_page


@pytest.mark.parametrize(
    ("language", "phone"),
    [("en", False), ("en", True), ("es", False), ("es", True)],
    ids=["en-desktop", "en-phone", "es-desktop", "es-phone"],
)
def test_the_authority_records_a_crime_on_bishals_visa(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    bishal = User.objects.get(email="bishal@vip.example")
    visa = active_visa(User.objects.get(email="anthony@vip.example"), bishal)
    Visa.objects.filter(pk=visa.pk).update(applied_at=now() - dt.timedelta(days=30))
    with translation.override(language):
        fine = money(5000_00, "USD")  # fine.crime in force in the US

    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "authority@vip.example")
        page.locator("#id_code").fill(totp_code())
        page.locator("main button[type=submit]").first.click()
        page.goto(f"{portal}authority/")
        page.locator("#id_q").fill("Bishal")
        page.locator("main form[role=search] button[type=submit]").click()
        checked(page)
        page.locator(f"main a[href$='/authority/visas/{visa.pk}/']").click()
        checked(page)
        page.locator("main a[href$='/report/crime_convicted/']").click()
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#error-summary-heading")).to_be_visible()
        checked(page)
        page.locator("#id_occurred_on").fill((today() - dt.timedelta(days=1)).isoformat())
        page.locator("main form button[type=submit]").click()
        consequences = page.locator("main ul.usa-list")
        expect(consequences).to_contain_text(fine)
        expect(consequences).to_contain_text("FINE_CRIME")
        expect(consequences).to_contain_text("CRIME_CONVICTED")  # the order, waiting
        checked(page)
        assert not Fine.objects.filter(visa=visa).exists()
        page.locator("main button[name=confirm]").click()
        expect(page.locator("main .usa-alert--success")).to_be_visible()
        expect(page.locator("main a[href$='/report/sentence_served/']")).to_be_visible()
        checked(page)

    assert Visa.objects.get(pk=visa.pk).status == Status.REVOKED
    assert Fine.objects.get(visa=visa).code == "FINE_CRIME"
    assert DeportationOrder.objects.get(visa=visa).effective_on is None

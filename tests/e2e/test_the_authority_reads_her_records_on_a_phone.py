"""The authority's read-only records in a real browser: from her workspace, the enforcement cases,
the deportation orders, the amnesty intakes and the unpaid fines (filtered by reason), a visa's
page, the audit log (filtered to the sensitive reads, then the chain verified) and the dated
parameters. Every page passes axe and fits the window, in English and Spanish, at desktop and on
a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, expect

from vip.clock import now, today
from vip.people import services as people
from vip.people.models import User
from vip.visas import services
from vip.visas.models import Visa

from tests.cast import active_visa, migrant, totp_code
from tests.e2e.browser import checked, log_in, person_page


@pytest.mark.parametrize(
    ("language", "phone"),
    [("en", False), ("en", True), ("es", False), ("es", True)],
    ids=["en-desktop", "en-phone", "es-desktop", "es-phone"],
)
def test_the_authority_reads_her_records(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    authority = User.objects.get(email="authority@vip.example")
    bishal = User.objects.get(email="bishal@vip.example")
    visa = active_visa(User.objects.get(email="anthony@vip.example"), bishal)
    Visa.objects.filter(pk=visa.pk).update(applied_at=now() - dt.timedelta(days=30))
    services.report_event(
        user=authority, visa_id=visa.pk, kind="disappeared", occurred_on=today(), details={}
    )
    convicted = active_visa(User.objects.get(email="carol@vip.example"), migrant(authority, "Dawa"))
    services.report_event(
        user=authority,
        visa_id=convicted.pk,
        kind="crime_convicted",
        occurred_on=today(),
        details={},
    )
    services.amnesty_intake(
        authority=authority,
        person_id=migrant(authority, "Rosa").pk,
        jurisdiction_code="US",
        path="sponsorship",
        received_on=dt.date(2026, 3, 1),
    )
    people.read_verifications(reader=authority, person_id=bishal.pk)

    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "authority@vip.example")
        page.locator("#id_code").fill(totp_code())
        page.locator("main button[type=submit]").first.click()
        page.goto(f"{portal}home/")
        checked(page)
        for path, rows in (("enforcement", 1), ("deportations", 1), ("amnesty", 1), ("fines", 2)):
            page.goto(f"{portal}authority/")
            page.locator(f"main a[href$='/authority/{path}/']").click()
            expect(page.locator("main table tbody tr")).to_have_count(rows)
            checked(page)
        page.locator("#id_code").select_option("FINE_DISAPPEARANCE")
        page.locator("main form[role=search] button[type=submit]").click()
        expect(page.locator("main table tbody tr")).to_have_count(1)
        checked(page)
        page.locator(f"main a[href$='/authority/visas/{visa.pk}/']").click()
        expect(page.locator("main")).to_contain_text("FINE_DISAPPEARANCE")
        checked(page)

        page.goto(f"{portal}authority/")
        page.locator("main a[href$='?action=sensitive.read']").click()
        expect(page.locator("main table tbody tr")).to_have_count(1)
        checked(page)
        page.locator("main form[action$='/audit/verify/'] button").click()
        expect(page.locator("main .usa-alert--success")).to_be_visible()
        checked(page)

        page.goto(f"{portal}authority/")
        page.locator("main a[href$='/authority/parameters/']").click()
        page.locator("#id_jurisdiction").select_option("US")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main")).to_contain_text("fine.crime")
        checked(page)

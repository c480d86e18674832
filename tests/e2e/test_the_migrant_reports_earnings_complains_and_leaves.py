"""Bishal follows his task list to his visa and its timeline, reports last month's earnings (a bad
form first: the error summary) and sees the share and what he keeps before he sends them, finds the
share among his money, files a complaint and sees it listed, reads how to find another sponsor
while his visa stays active, and leaves on a page that says plainly it costs him nothing. Each page
passes axe and fits the window: English at desktop, Spanish and Nepali on a phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, expect

from vip.calendar import add_months
from vip.clock import now, today
from vip.people.models import User
from vip.visas.models import Visa

from tests.cast import active_visa
from tests.e2e.browser import checked, log_in, person_page


@pytest.mark.parametrize(
    ("language", "phone"), [("en", False), ("es", True), ("ne", True)], ids=["en", "es", "ne"]
)
def test_the_migrant_reports_earnings_complains_and_leaves(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    visa = active_visa(
        User.objects.get(email="anthony@vip.example"), User.objects.get(email="bishal@vip.example")
    )
    Visa.objects.filter(pk=visa.pk).update(applied_at=now() - dt.timedelta(days=70))
    last_month = add_months(today().replace(day=1), -1)
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "bishal@vip.example")
        page.locator(f".vip-task-list a[href$='/migrant/visas/{visa.pk}/']").click()
        expect(page.locator(".usa-process-list__item")).to_have_count(2)
        checked(page)

        page.locator("main a[href$='/earnings/']").click()
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#error-summary-heading")).to_be_visible()
        checked(page)
        page.locator("#id_month").fill(last_month.isoformat())
        page.locator("#id_amount").fill("1500")
        page.locator("main form button[type=submit]").click()
        # Home earnings of $2,400 a year: half of $1,500 - $200 is owed, $850 is his.
        expect(page.locator("main")).to_contain_text(re.compile(r"650"))
        expect(page.locator("main")).to_contain_text(re.compile(r"850"))
        checked(page)
        page.locator("main button[name=confirm]").click()
        expect(page.locator("main table tbody tr")).to_have_count(1)
        checked(page)

        page.goto(f"{portal}migrant/visas/{visa.pk}/")
        page.locator("main a[href$='/migrant/money/']").click()
        expect(page.locator("main table tbody tr")).to_have_count(1)  # the share he owes
        checked(page)

        page.goto(f"{portal}migrant/visas/{visa.pk}/")
        page.locator("main a[href$='/complaints/']").click()
        checked(page)
        page.locator("label[for=id_category_2]").click()
        page.locator("#id_text").fill("My wages for November were not paid.")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main")).to_contain_text("My wages for November were not paid.")
        checked(page)

        page.goto(f"{portal}migrant/visas/{visa.pk}/")
        page.locator("main a[href$='/another-sponsor/']").click()
        expect(page.locator(".usa-process-list__item")).to_have_count(3)
        checked(page)

        page.goto(f"{portal}migrant/visas/{visa.pk}/")
        page.locator("main a[href$='/report/left/']").click()
        expect(page.locator("#free-heading")).to_be_visible()
        checked(page)
        page.locator("#id_occurred_on").fill(today().isoformat())
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main ul.usa-list")).to_have_count(0)  # no fine, no payment
        checked(page)
        page.locator("main button[name=confirm]").click()
        expect(page.locator(".usa-process-list__item")).to_have_count(3)
        expect(page.locator("main a[href$='/earnings/']")).to_have_count(0)
        checked(page)

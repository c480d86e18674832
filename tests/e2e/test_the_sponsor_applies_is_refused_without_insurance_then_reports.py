"""Anthony applies for Bishal's visa from his task list: checked his answers, he is refused with
the reason INSURANCE_MISSING and its message; he gives the insurance (a bad form first: the error
summary), is approved, follows the visa's timeline, reports the arrival and the unemployment after
a confirmation that states the support and its amount, reads the fine a disappearance would cost
before sending nothing, and finds the support in his money. Each page passes axe and fits the
window: English at desktop, Spanish and Nepali on a phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from vip.calendar import add_months
from vip.clock import today
from vip.people.models import User

from tests.cast import active_visa, signed_agreement
from tests.e2e.browser import checked, log_in, person_page


def report(page: Page, event: str, on: dt.date) -> None:
    page.locator(f"main a[href$='/report/{event}/']").click()
    checked(page)
    page.locator("#id_occurred_on").fill(on.isoformat())
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main button[name=confirm]")).to_be_visible()
    checked(page)


@pytest.mark.parametrize(
    ("language", "phone"), [("en", False), ("es", True), ("ne", True)], ids=["en", "es", "ne"]
)
def test_the_sponsor_is_refused_without_insurance_approved_with_it_and_reports(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    anthony = User.objects.get(email="anthony@vip.example")
    agreement = signed_agreement(anthony, User.objects.get(email="bishal@vip.example"))
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "anthony@vip.example")
        page.locator(f".vip-task-list a[href$='/agreements/{agreement.pk}/application/']").click()
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/visas/\d+/decision/$"))
        expect(page.locator("main")).to_contain_text("INSURANCE_MISSING")
        checked(page)

        page.locator(f"main a[href$='/agreements/{agreement.pk}/application/']").click()
        page.locator(f"main a[href$='/agreements/{agreement.pk}/insurance/']").click()
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#error-summary-heading")).to_be_visible()
        checked(page)
        page.locator("#id_provider").fill("Mutual Health")
        page.locator("#id_policy_number").fill("MH-1")
        page.locator("#id_coverage").fill("100000")
        page.locator("#id_valid_from").fill(agreement.start_date.isoformat())
        end = add_months(agreement.start_date, 12) - dt.timedelta(days=1)
        page.locator("#id_valid_to").fill(end.isoformat())
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/application/$"))
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main")).not_to_contain_text("INSURANCE_MISSING")
        checked(page)

        page.locator(
            "main a[href$='/sponsor/visas/'], main a[href*='/sponsor/visas/']"
        ).last.click()
        expect(page).to_have_url(re.compile(r"/sponsor/visas/\d+/$"))
        checked(page)
        report(page, "arrived", today())
        page.locator("main button[name=confirm]").click()
        expect(page.locator(".usa-process-list__item")).to_have_count(2)
        checked(page)

        report(page, "unemployed", today())
        expect(page.locator("main")).to_contain_text(re.compile(r"800"))
        page.locator("main button[name=confirm]").click()
        expect(page.locator(".usa-process-list__item")).to_have_count(2)  # no status changed
        checked(page)

        report(page, "disappeared", today())
        expect(page.locator("main")).to_contain_text("FINE_DISAPPEARANCE")
        page.goto(f"{portal}sponsor/")
        page.locator(".vip-task-list a[href$='/sponsor/money/']").click()
        expect(page.locator("main table")).to_be_visible()
        expect(page.locator("main")).to_contain_text(re.compile(r"800"))
        checked(page)


def test_a_report_on_a_day_to_come_is_refused_on_the_form(browser: Browser, portal: str) -> None:
    anthony = User.objects.get(email="anthony@vip.example")
    visa = active_visa(anthony, User.objects.get(email="bishal@vip.example"))
    with person_page(browser, language="es") as page:
        log_in(page, portal, "anthony@vip.example")
        page.goto(f"{portal}sponsor/visas/{visa.pk}/")
        page.locator("main a[href$='/report/unemployed/']").click()
        page.locator("#id_occurred_on").fill((today() + dt.timedelta(days=3)).isoformat())
        page.locator("main form button[type=submit]").click()  # refused before any confirmation
        expect(page.locator("#error-summary-heading")).to_be_visible()
        expect(page.locator("main button[name=confirm]")).to_have_count(0)
        expect(page.locator("main")).to_contain_text("El día aún no ha llegado.")
        checked(page)

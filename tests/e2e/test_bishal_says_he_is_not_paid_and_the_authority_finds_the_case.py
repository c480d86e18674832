"""Bishal's welfare check-in is due: his task list leads to it, a form sent half-answered comes
back with its error summary, he says he is not paid as agreed and is told the office will contact
him. The authority, with her second factor, sees one welfare case waiting on her workspace, finds
it in the queue, reads his answers, takes the case and closes it with a note. Every page passes
axe and fits the window: English at desktop, Spanish at desktop and on a phone, Nepali on a
phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from vip.clock import today
from vip.people.models import User
from vip.welfare import services as welfare
from vip.welfare.models import Case

from tests.cast import totp_code
from tests.e2e.browser import checked, log_in, person_page
from tests.welfare.life import arrived_days_ago

WORDS = "My wages for November were not paid."


@pytest.mark.parametrize(
    ("language", "phone"),
    [("en", False), ("en", True), ("es", False), ("es", True), ("ne", True)],
    ids=["en-desktop", "en-phone", "es-desktop", "es-phone", "ne-phone"],
)
def test_bishal_says_he_is_not_paid_and_the_authority_finds_the_case(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    arrived_days_ago(
        User.objects.get(email="anthony@vip.example"),
        User.objects.get(email="bishal@vip.example"),
        14,
    )
    welfare.run_checkins(day=today())  # the day's job: his first check-in is due

    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "bishal@vip.example")
        page.locator(".vip-task-list a[href$='/migrant/welfare/']").click()
        checked(page)
        page.locator("main a[href*='/migrant/welfare/checkins/']").click()
        checked(page)
        page.locator("label[for=id_paid_as_agreed_1]").click()  # no
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#error-summary-heading")).to_be_visible()
        checked(page)
        page.locator("label[for=id_housing_as_agreed_0]").click()  # yes
        page.locator("label[for=id_feels_safe_0]").click()  # yes
        page.locator("label[for=id_charged_fee_1]").click()  # no
        page.locator("#id_text").fill(WORDS)
        page.locator("main form button[type=submit]").click()
        case = Case.objects.get()
        expect(page.locator("main .usa-alert--warning")).to_contain_text(f"R-{case.pk:06d}")
        expect(page.locator("main")).to_contain_text(f"R-{case.pk:06d}")
        checked(page)

    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "authority@vip.example")
        page.locator("#id_code").fill(totp_code())
        page.locator("main button[type=submit]").first.click()
        page.goto(f"{portal}home/")  # her workspace: the queues with their counts
        queue = page.locator("main tr", has=page.locator("a[href$='/authority/welfare/']"))
        expect(queue.locator("td")).to_have_text("1")
        checked(page)
        queue.locator("a").click()
        expect(page.locator("main ul.vip-welfare-queue li")).to_have_count(1)
        expect(page.locator("main ul.vip-welfare-queue")).to_contain_text("Bishal")
        checked(page)
        page.locator(f"main a[href$='/authority/welfare/{case.pk}/']").click()
        expect(page.locator("main")).to_contain_text(WORDS)
        checked(page)
        page.locator("main button[name=action][value=assign]").click()
        expect(page.locator("main .usa-alert--success")).to_be_visible()
        checked(page)
        page.locator("#id_close-note").fill("Anthony has paid November's wages.")
        page.locator("main button[name=action][value=close]").click()
        expect(page.locator("main .usa-alert--success")).to_be_visible()
        expect(page.locator("main button[name=action]")).to_have_count(0)
        checked(page)
        page.locator("main a[href$='/authority/welfare/']").click()
        expect(page.locator("main ul.vip-welfare-queue li")).to_have_count(0)
        checked(page)

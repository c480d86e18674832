"""The seeds' story, walked in the browser by both people at once: Anthony asks for a worker one
question per page and finds Bishal, writes to him, offers, invites him to an interview, both sign;
the visa is refused without insurance and approved with it; Bishal arrives, reports a month's
earnings and sees the share before sending; Anthony reports him out of work and sees the support
he owes, then finds it among his money; Bishal complains and leaves at no cost. Every page of the
walk passes axe and fits the window: English at desktop, Spanish and Nepali on a phone."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from vip.agreements.models import Agreement
from vip.calendar import add_months
from vip.clock import now, today
from vip.visas.models import Visa

from tests.e2e.browser import PHONE, checked, log_in, person_page
from tests.e2e.test_anthony_offers_and_both_sign import fill_terms
from tests.e2e.test_the_sponsor_applies_is_refused_without_insurance_then_reports import report
from tests.e2e.test_the_sponsor_asks_for_a_worker_and_finds_bishal import ANSWERS

# Where the walk's pages are saved for the guides (docs/guides/img), on a phone: in English, and in
# Nepali (name-ne.png) for the migrants the demo has from Nepal.
SCREENSHOTS = os.environ.get("VIP_GUIDE_SCREENSHOTS", "")
SUFFIX = {"en": "", "ne": "-ne"}


def shot(page: Page, name: str) -> None:
    """The page as the guides show it, when screenshots are asked for (English and Nepali)."""
    language = page.evaluate("document.documentElement.lang")
    if not SCREENSHOTS or language not in SUFFIX:
        return
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SCREENSHOTS}/{name}{SUFFIX[language]}.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def submit(page: Page) -> None:
    page.locator("main form button[type=submit]").click()


def ask_for_a_worker(page: Page) -> None:
    page.locator(".vip-task-list a[href$='/request/languages/']").click()
    for _step, answers in ANSWERS:
        checked(page)
        for selector, value in answers.items():
            field = page.locator(selector)
            if value is True:
                field.click()
            elif field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(str(value))
            else:
                field.fill(str(value))
        submit(page)
    checked(page)
    submit(page)  # check your answers: send
    page.locator("main a[href$='/candidates/']").click()
    expect(page.get_by_role("heading", name="Bishal", level=2)).to_be_visible()
    checked(page)


def apply_refused_then_approved(page: Page, portal: str, agreement: Agreement) -> None:
    page.goto(f"{portal}sponsor/")
    page.locator(f".vip-task-list a[href$='/agreements/{agreement.pk}/application/']").click()
    checked(page)
    submit(page)
    expect(page.locator("main")).to_contain_text("INSURANCE_MISSING")
    checked(page)
    shot(page, "sponsor-refused")
    page.locator(f"main a[href$='/agreements/{agreement.pk}/application/']").click()
    page.locator(f"main a[href$='/agreements/{agreement.pk}/insurance/']").click()
    checked(page)
    page.locator("#id_provider").fill("Mutual Health")
    page.locator("#id_policy_number").fill("MH-1")
    page.locator("#id_coverage").fill("100000")
    page.locator("#id_valid_from").fill(agreement.start_date.isoformat())
    end = add_months(agreement.start_date, agreement.duration_months) - dt.timedelta(days=1)
    page.locator("#id_valid_to").fill(end.isoformat())
    submit(page)
    submit(page)  # check your application: send
    expect(page.locator("main")).not_to_contain_text("INSURANCE_MISSING")
    checked(page)
    page.locator("main a[href*='/sponsor/visas/']").first.click()
    checked(page)
    shot(page, "sponsor-visa")


@pytest.mark.parametrize(
    ("language", "phone"), [("en", False), ("es", True), ("ne", True)], ids=["en", "es", "ne"]
)
def test_the_seeds_story_in_the_browser(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    with (
        person_page(browser, language=language, phone=phone) as anthony,
        person_page(browser, language=language, phone=phone) as bishal,
    ):
        log_in(anthony, portal, "anthony@vip.example")
        ask_for_a_worker(anthony)
        candidates = anthony.url
        anthony.locator(".vip-result form button").first.click()  # write to Bishal
        anthony.locator("#id_body").fill("Hello Bishal, would you work with me?")
        submit(anthony)
        checked(anthony)

        log_in(bishal, portal, "bishal@vip.example")
        bishal.goto(f"{portal}messages/")
        bishal.locator(".vip-task-list a").first.click()
        expect(bishal.locator("#thread")).to_contain_text("Hello Bishal")
        checked(bishal)

        anthony.goto(candidates)
        anthony.locator(".vip-result a[href*='/sponsor/offer/']").first.click()
        fill_terms(anthony, share="50")
        checked(anthony)
        submit(anthony)
        agreement = Agreement.objects.get()
        anthony.goto(f"{portal}sponsor/")
        anthony.locator(f".vip-task-list a[href$='/agreements/{agreement.pk}/interview/']").click()
        anthony.locator("#id_day").fill((today() + dt.timedelta(days=2)).isoformat())
        anthony.locator("#id_hour").fill("09:30")
        submit(anthony)
        expect(anthony).to_have_url(re.compile(r"/interviews/\d+/$"))
        checked(anthony)
        anthony.goto(f"{portal}agreements/{agreement.pk}/")
        submit(anthony)  # Anthony signs
        bishal.goto(f"{portal}migrant/offers/")
        bishal.locator(f"a[href$='/agreements/{agreement.pk}/']").click()
        checked(bishal)
        shot(bishal, "migrant-agreement")
        submit(bishal)  # Bishal signs
        expect(bishal.locator("main form")).to_have_count(0)

        apply_refused_then_approved(anthony, portal, agreement)
        report(anthony, "arrived", today())
        anthony.locator("main button[name=confirm]").click()
        visa = Visa.objects.get(status="active")
        # A month on: the month he worked has ended (earnings are reported once it has).
        Visa.objects.filter(pk=visa.pk).update(applied_at=now() - dt.timedelta(days=40))

        bishal.goto(f"{portal}migrant/")
        bishal.locator(f".vip-task-list a[href$='/migrant/visas/{visa.pk}/']").click()
        bishal.locator("main a[href$='/earnings/']").click()
        bishal.locator("#id_month").fill(add_months(today().replace(day=1), -1).isoformat())
        bishal.locator("#id_amount").fill("1500")
        submit(bishal)
        expect(bishal.locator("main")).to_contain_text(re.compile(r"850"))  # what he keeps
        checked(bishal)
        shot(bishal, "migrant-earnings")
        bishal.locator("main button[name=confirm]").click()
        expect(bishal.locator("main table tbody tr")).to_have_count(1)

        report(anthony, "unemployed", today())
        expect(anthony.locator("main")).to_contain_text(re.compile(r"800"))
        shot(anthony, "sponsor-unemployment")
        anthony.locator("main button[name=confirm]").click()
        anthony.goto(f"{portal}sponsor/money/")
        expect(anthony.locator("main")).to_contain_text(re.compile(r"800"))
        checked(anthony)
        shot(anthony, "sponsor-money")

        bishal.goto(f"{portal}migrant/visas/{visa.pk}/complaints/")
        bishal.locator("label[for=id_category_0]").click()
        bishal.locator("#id_text").fill("The scaffold at work has no rail.")
        submit(bishal)
        expect(bishal.locator("main")).to_contain_text("The scaffold at work has no rail.")
        bishal.goto(f"{portal}migrant/visas/{visa.pk}/")
        report(bishal, "left", today())
        shot(bishal, "migrant-leave")
        expect(bishal.locator("main")).not_to_contain_text("FINE_")  # his support ends, no fine
        bishal.locator("main button[name=confirm]").click()
        visa.refresh_from_db()
        assert visa.status == "left"
        checked(bishal)

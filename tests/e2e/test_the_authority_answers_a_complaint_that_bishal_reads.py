"""Bishal has complained that his wages were not paid. The authority, with her second factor,
lands on her workspace, sees one complaint waiting, finds it in the queue, takes it, sends an
empty answer (the error summary) then her answer, and finds Bishal by name; Bishal follows his
notice to his complaints page and reads the answer. Every page passes axe and fits the window,
in English and Spanish, at desktop and on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from vip.people.models import User
from vip.visas import services
from vip.visas.models import Complaint

from tests.cast import active_visa, totp_code
from tests.e2e.browser import checked, log_in, person_page

ANSWER = "We have called Anthony: November's wages are paid by Friday."


@pytest.mark.parametrize(
    ("language", "phone"),
    [("en", False), ("en", True), ("es", False), ("es", True)],
    ids=["en-desktop", "en-phone", "es-desktop", "es-phone"],
)
def test_the_authority_answers_a_complaint_that_bishal_reads(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    bishal = User.objects.get(email="bishal@vip.example")
    visa = active_visa(User.objects.get(email="anthony@vip.example"), bishal)
    complaint = services.file_complaint(
        user=bishal, visa_id=visa.pk, category="pay", text="My wages for November were not paid."
    )

    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "authority@vip.example")
        page.locator("#id_code").fill(totp_code())
        page.locator("main button[type=submit]").first.click()
        page.goto(f"{portal}home/")  # her workspace: the queues with their counts
        queue = page.locator("main tr", has=page.locator("a[href$='/authority/complaints/']"))
        expect(queue.locator("td")).to_have_text("1")
        checked(page)
        queue.locator("a").click()
        checked(page)
        page.locator(f"main a[href$='/authority/complaints/{complaint.pk}/']").click()
        expect(page.locator("main")).to_contain_text("My wages for November were not paid.")
        checked(page)
        page.locator("main form[action$='/assign/'] button[type=submit]").click()
        expect(page.locator("main .usa-alert--success")).to_be_visible()
        checked(page)
        page.locator("main form[action$='/answer/'] button[type=submit]").click()
        expect(page.locator("#error-summary-heading")).to_be_visible()
        checked(page)
        page.locator("#id_answer-text").fill(ANSWER)
        page.locator("main form[action$='/answer/'] button[type=submit]").click()
        expect(page.locator("main .usa-alert--success")).to_be_visible()
        expect(page.locator("main")).to_contain_text(ANSWER)
        checked(page)

        page.goto(f"{portal}authority/")
        page.locator("#id_q").fill("Bishal")
        page.locator("main form[role=search] button[type=submit]").click()
        expect(page.locator("main table")).to_contain_text("bishal@vip.example")
        checked(page)

    assert Complaint.objects.get(pk=complaint.pk).answer == ANSWER
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "bishal@vip.example")
        page.goto(f"{portal}notifications/")
        checked(page)
        page.locator(f"main a[href$='/migrant/visas/{visa.pk}/complaints/']").first.click()
        expect(page.locator("main")).to_contain_text(ANSWER)
        checked(page)

"""Anthony logs in, follows his task list to the request, answers one question per page, checks
his answers, sends, gets a reference, finds Bishal among the candidates with the reasons, opens his
page and keeps him on the request's shortlist. Each page passes axe and fits the window: English
at desktop, Spanish and Nepali on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.browser import checked, log_in, person_page

ANSWERS = [
    ("languages", {"#id_language1": "en", "#id_level1": "B1"}),
    ("age", {"#id_age_min": "21", "#id_age_max": "45"}),
    ("sectors", {"#id_sector1": "construction", "#id_years1": "1"}),
    ("checks", {"label[for=id_clean_record]": True}),
    # Shared interests, pay and housing: what Bishal wishes for too (a pair whose score is 0,
    # say "more languages in common" with a migrant who did not ask for it, is not listed).
    (
        "preferences",
        {f"label[for=id_soft_criteria_{i}]": True for i in (3, 5, 6)},
    ),
    ("offer", {"label[for=id_housing_2]": True, "#id_annual_pay": "32000"}),
]


@pytest.mark.parametrize(
    ("language", "phone"), [("en", False), ("es", True), ("ne", True)], ids=["en", "es", "ne"]
)
def test_the_sponsor_asks_for_a_worker_and_finds_bishal(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "anthony@vip.example")
        expect(page).to_have_url(re.compile(r"/sponsor/$"))
        checked(page)
        page.locator(".vip-task-list a[href$='/request/languages/']").click()
        for step, answers in ANSWERS:
            expect(page).to_have_url(re.compile(f"/request/{step}/$"))
            checked(page)
            for selector, value in answers.items():
                field = page.locator(selector)
                if value is True:
                    field.click()
                elif field.evaluate("e => e.tagName") == "SELECT":
                    field.select_option(str(value))
                else:
                    field.fill(str(value))
            page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/request/check/$"))
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert re.search(r"R-\d{6}", page.locator("main").inner_text())
        checked(page)
        page.locator("main a[href$='/candidates/']").click()
        expect(page.get_by_role("heading", name="Bishal", level=2)).to_be_visible()
        checked(page)
        page.get_by_role("heading", name="Bishal", level=2).get_by_role("link").click()
        expect(page.get_by_role("heading", name="Bishal", level=1)).to_be_visible()
        checked(page)  # his page: the reasons, his languages and work
        page.locator("main form[action$='/keep/'] button[type=submit]").click()
        expect(page.locator("main .usa-tag")).to_be_visible()  # on the shortlist
        page.locator("main a[href$='/shortlist/']").click()
        expect(page.locator("main a[href*='/candidates/']").first).to_be_visible()
        checked(page)


def test_a_refused_request_is_shown_with_its_reason_on_check_your_answers(
    browser: Browser, portal: str
) -> None:
    with person_page(browser, language="es") as page:
        log_in(page, portal, "anthony@vip.example")
        page.goto(f"{portal}sponsor/request/age/")
        page.locator("#id_age_min").fill("50")
        page.locator("#id_age_max").fill("20")
        page.locator("main form button[type=submit]").click()
        page.goto(f"{portal}sponsor/request/check/")
        page.locator("main form button[type=submit]").click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("AGE_RANGE_EMPTY")
        expect(alert).to_contain_text("La edad mínima que acepta es mayor que la máxima.")
        checked(page)

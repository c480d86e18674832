"""Bishal logs in to his task list and his rights, saves his profile, and sees Anthony's request
among the sponsors looking for him; each page passes axe on a phone in each language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from vip.demo.people import seed_request

from tests.e2e.browser import LANGUAGES, checked, log_in, person_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_migrant_keeps_his_profile_and_sees_the_requests_that_fit(
    browser: Browser, portal: str, language: str
) -> None:
    seed_request()
    with person_page(browser, language=language, phone=True) as page:
        log_in(page, portal, "bishal@vip.example")
        expect(page).to_have_url(re.compile(r"/migrant/$"))
        checked(page)
        page.locator(".vip-task-list a[href$='/migrant/profile/']").click()
        checked(page)
        page.locator("#id_home_annual_earnings").fill("2500")
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/migrant/$"))
        expect(page.get_by_role("status").first).to_be_visible()
        page.locator(".vip-task-list a[href$='/migrant/opportunities/']").click()
        expect(page.get_by_role("heading", level=2).first).to_contain_text("Anthony")
        checked(page)


def test_bad_input_on_the_profile_is_shown_on_the_form(browser: Browser, portal: str) -> None:
    with person_page(browser, language="ne") as page:
        log_in(page, portal, "bishal@vip.example")
        page.goto(f"{portal}migrant/profile/")
        page.locator("#id_years1").fill("-3")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#id_years1-error")).to_be_visible()
        checked(page)

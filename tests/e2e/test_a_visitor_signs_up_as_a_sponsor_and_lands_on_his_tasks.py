"""Journey 1: a visitor opens /, follows "Log in", signs up as a sponsor, confirms his e-mail from
the outbox and lands on his own page."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Browser, expect

from tests.e2e.browser import person_page


def test_a_visitor_signs_up_as_a_sponsor_and_lands_on_his_tasks(
    browser: Browser, portal: str
) -> None:
    with person_page(browser) as page:
        page.goto(portal)
        page.get_by_role("link", name="Log in").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
        page.get_by_role("main").get_by_role(
            "link", name="Sign up as a sponsor or a migrant"
        ).click()
        page.get_by_text("Sponsor a migrant worker (I am a citizen)").click()
        page.get_by_label("Full name").fill("Dana Sponsor")
        page.get_by_label("Email").fill("dana@vip.example")
        page.get_by_label("Password", exact=True).fill("a long enough password")
        page.get_by_label("Password (again)").fill("a long enough password")
        page.get_by_label("Date of birth").fill("1980-05-17")
        page.get_by_label("Country where you live").select_option("US")
        page.get_by_label("Your community (sponsors)").select_option("springfield")
        page.get_by_role("button", name="Create my account").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your e-mail address")

        (message,) = [m for m in mail.outbox if "dana@vip.example" in m.to]
        link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
        assert link is not None, message.body
        page.goto(link.group(0))
        expect(page).to_have_url(re.compile(r"/sponsor/$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Dana Sponsor")


def test_a_refused_sign_up_is_shown_on_the_form_with_its_reason(
    browser: Browser, portal: str
) -> None:
    with person_page(browser, language="es") as page:
        page.goto(f"{portal}accounts/signup/")
        page.locator("label[for=id_role_1]").click()
        page.locator("#id_full_name").fill("Rosa")
        page.locator("#id_email").fill("rosa@vip.example")
        page.locator("#id_password1").fill("short7!")
        page.locator("#id_password2").fill("short7!")
        page.locator("#id_birth_date").fill("1990-01-01")
        page.locator("#id_country").select_option("GT")
        page.locator("button[type=submit]").last.click()
        expect(page.locator("#id_password1-error")).to_be_visible()
        expect(page.get_by_role("alert").first).to_be_visible()

"""Verification in the browser: a new sponsor signs up, follows his task list to his verification
page and sends his passport (an empty form first: the error summary); the authority (password and
second factor) finds his request in her queue, opens the document and records it clear; he reads
that he is verified and that he was told. In English and in Spanish; every page passes axe with 0
serious or critical violations and fits the window, at desktop and at 390 px."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from vip.people.models import User, VerificationRequest
from vip.people.selectors import is_verified

from tests.cast import totp_code
from tests.e2e.browser import DESKTOP, PHONE, checked, log_in, person_page

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def both(page: Page) -> None:
    """The page checked at its window's width and at the other one's."""
    for size in (PHONE, DESKTOP) if page.viewport_size == DESKTOP else (DESKTOP, PHONE):
        page.set_viewport_size(size)
        checked(page)


def sign_up(page: Page, portal: str, email: str) -> None:
    page.goto(f"{portal}accounts/signup/")
    page.locator("label[for=id_role_0]").click()  # a sponsor
    page.locator("#id_full_name").fill("Dana Newcomer")
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill("a long enough password")
    page.locator("#id_password2").fill("a long enough password")
    page.locator("#id_birth_date").fill("1980-05-17")
    page.locator("#id_country").select_option("US")
    page.locator("#id_community").select_option("springfield")
    page.locator("main button[type=submit]").last.click()
    (message,) = [m for m in mail.outbox if email in m.to]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link is not None, message.body
    page.goto(link.group(0))
    expect(page).to_have_url(re.compile(r"/sponsor/$"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_new_sponsor_sends_his_passport_and_the_authority_verifies_him(
    browser: Browser, portal: str, language: str
) -> None:
    email = f"dana.{language}@vip.example"
    with person_page(browser, language) as dana, person_page(browser, language, True) as alice:
        sign_up(dana, portal, email)
        both(dana)
        dana.locator(".vip-task-list a[href$='/verification/']").click()
        expect(dana.locator("html")).to_have_attribute("lang", language)
        both(dana)
        dana.locator("main a[href$='/verification/identity/']").click()
        both(dana)
        dana.locator("main form button[type=submit]").click()
        expect(dana.locator("#error-summary-heading")).to_be_visible()
        both(dana)
        dana.locator("#id_document").set_input_files(
            {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        dana.locator("#id_document_number").fill("US 123 456")
        dana.locator("main form button[type=submit]").click()
        expect(dana).to_have_url(re.compile(r"/verification/$"))
        expect(dana.locator("main a[href*='/documents/']")).to_have_count(1)
        both(dana)

        log_in(alice, portal, "authority@vip.example")
        alice.locator("#id_code").fill(totp_code())
        alice.locator("main button[type=submit]").first.click()
        alice.locator("main a[href$='/authority/verifications/']").click()
        both(alice)
        request = VerificationRequest.objects.get(person__email=email)
        alice.locator(f"main a[href$='/authority/verifications/{request.pk}/']").click()
        expect(alice.locator("main")).to_contain_text("US123456")
        both(alice)
        href = alice.locator("main a[href*='/documents/']").get_attribute("href")
        document = alice.request.get(f"{portal.rstrip('/')}{href}")
        assert (document.status, document.headers["content-type"], document.body()) == (
            200,
            "application/pdf",
            PDF,
        )
        alice.locator("label[for=id_result-result_0]").click()  # clear
        alice.locator("main form button[type=submit]").click()
        expect(alice).to_have_url(re.compile(r"/authority/verifications/$"))
        expect(alice.locator("main a[href*='/authority/verifications/']")).to_have_count(0)
        both(alice)

        assert is_verified(User.objects.get(email=email), "identity")
        dana.reload()
        expect(dana.locator(".vip-tag--done")).to_have_count(1)
        both(dana)
        dana.goto(f"{portal}notifications/")
        expect(dana.locator("main a[href$='/verification/']")).to_have_count(1)
        both(dana)

"""One person, one account, in the browser: a migrant (in Nepali, on a 390 px phone) sends a file
that is not a document (refused in his language on the form), then his passport, whose number
another account's request has; his page says the office checks that he has only one account. The
authority (in Spanish) finds the request marked in her queue, is refused when she clears it before
deciding the flag, dismisses the flag and clears it. Every page passes axe with 0 serious or
critical violations and fits the window, at desktop and at 390 px."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Browser, Page, expect

from vip.demo.people import DEMO_PASSWORD
from vip.people import services as people
from vip.people.models import FlagState, User, VerificationRequest
from vip.people.selectors import is_verified
from vip.web.services import confirm_addresses

from tests.cast import totp_code
from tests.e2e.browser import DESKTOP, PHONE, checked, log_in, person_page

PDF = b"%PDF-1.7\n%%EOF\n"


def both(page: Page) -> None:
    for size in (PHONE, DESKTOP) if page.viewport_size == DESKTOP else (DESKTOP, PHONE):
        page.set_viewport_size(size)
        checked(page)


def account(name: str) -> User:
    return people.create_account(
        email=f"{name.lower()}@vip.example",
        password=DEMO_PASSWORD,
        role="migrant",
        full_name=name,
        birth_date=None,
        country="NP",
    )


def test_a_second_account_is_flagged_until_the_authority_decides(
    browser: Browser, portal: str
) -> None:
    first, second = account("Ram"), account("Hari")
    authority = User.objects.get(email="authority@vip.example")
    confirm_addresses(actor=authority, users=User.objects.filter(pk=second.pk))
    people.ask_verification(
        person=first,
        kind="identity",  # type: ignore[arg-type]
        upload=SimpleUploadedFile("p.pdf", PDF),
        document_number="PA 555",
    )
    with person_page(browser, "ne", phone=True) as hari, person_page(browser, "es") as alice:
        log_in(hari, portal, second.email)
        hari.locator(".vip-task-list a[href$='/verification/']").click()
        both(hari)
        hari.locator("main a[href$='/verification/identity/']").click()
        hari.locator("#id_document").set_input_files(
            {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": b"GIF89a..."}
        )
        hari.locator("#id_document_number").fill("pa-555")
        hari.locator("main form button[type=submit]").click()
        expect(hari.locator("#id_document-error")).to_be_visible()
        expect(hari.locator("#error-summary-heading")).to_be_visible()
        both(hari)
        hari.locator("#id_document").set_input_files(
            {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        hari.locator("#id_document_number").fill("pa-555")
        hari.locator("main form button[type=submit]").click()
        expect(hari).to_have_url(re.compile(r"/verification/$"))
        both(hari)
        request = VerificationRequest.objects.get(person=second)
        assert request.flag == FlagState.OPEN

        log_in(alice, portal, "authority@vip.example")
        alice.locator("#id_code").fill(totp_code())
        alice.locator("main button[type=submit]").first.click()
        alice.goto(f"{portal}authority/verifications/")
        expect(alice.locator("main .usa-tag")).to_have_count(1)  # the match, marked
        both(alice)
        alice.locator(f"main a[href$='/authority/verifications/{request.pk}/']").click()
        expect(alice.locator("main")).to_contain_text(first.email)
        both(alice)
        alice.locator("label[for=id_result-result_0]").click()  # clear, before the flag
        alice.locator("main form:has(input[value=result]) button[type=submit]").click()
        expect(alice.locator("#error-summary-heading")).to_be_visible()
        assert not is_verified(second, "identity")
        both(alice)
        alice.locator("label[for=id_flag-decision_0]").click()  # another person
        alice.locator("#id_flag-note").fill("Otra persona: pasaporte revisado.")
        alice.locator("main form:has(input[value=flag]) button[type=submit]").click()
        expect(alice).to_have_url(re.compile(rf"/authority/verifications/{request.pk}/$"))
        both(alice)
        alice.locator("label[for=id_result-result_0]").click()
        alice.locator("main form:has(input[value=result]) button[type=submit]").click()
        expect(alice).to_have_url(re.compile(r"/authority/verifications/$"))
        both(alice)
        assert is_verified(second, "identity")

        hari.reload()
        expect(hari.locator(".vip-tag--done")).to_have_count(1)
        both(hari)

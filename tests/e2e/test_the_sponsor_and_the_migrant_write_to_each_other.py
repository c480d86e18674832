"""Anthony writes to Bishal from his candidates; Bishal reads it (contact details hidden until
they sign), sees the next message arrive without reloading (htmx polls), reports the conversation
and blocks Anthony. Each page passes axe at desktop and on a phone, in each language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from vip.demo.people import seed_request
from vip.messaging import services
from vip.messaging.models import Conversation
from vip.people.models import User

from tests.e2e.browser import checked, log_in, person_page


@pytest.mark.parametrize(("language", "phone"), [("en", False), ("es", True), ("ne", True)])
def test_the_sponsor_and_the_migrant_write_to_each_other(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    request = seed_request()
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "anthony@vip.example")
        page.goto(f"{portal}sponsor/requests/{request.pk}/candidates/")
        page.locator(".vip-result form button").first.click()
        expect(page).to_have_url(re.compile(r"/messages/\d+/$"))
        checked(page)
        page.locator("main form button[type=submit]").click()  # empty: shown on the form
        expect(page.locator("#id_body-error")).to_be_visible()
        checked(page)
        page.locator("#id_body").fill("Hello Bishal, write to me at anthony@example.com")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#thread")).to_contain_text("Hello Bishal")
    conversation = Conversation.objects.get()
    anthony = User.objects.get(email="anthony@vip.example")
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "bishal@vip.example")
        page.goto(f"{portal}messages/")
        checked(page)
        page.locator(".vip-task-list a").first.click()
        expect(page.locator("#thread")).to_contain_text("write to me at […]")
        services.send_message(user=anthony, conversation_id=conversation.pk, body="Are you there?")
        expect(page.locator("#thread")).to_contain_text("Are you there?", timeout=12_000)
        checked(page)
        page.locator(f"a[href$='/messages/{conversation.pk}/report/']").click()
        page.locator("main form button[type=submit]").click()  # no reason: shown on the form
        expect(page.locator(".usa-alert--error")).to_be_visible()
        checked(page)
        page.locator("label[for=id_reason_0]").click()
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/messages/{conversation.pk}/$"))
        page.locator(f"a[href$='/messages/{conversation.pk}/block/']").click()
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/messages/$"))
        conversation.refresh_from_db()
        assert conversation.closed_at is not None


def test_a_conversation_is_not_found_by_another_person_and_asks_a_visitor_to_log_in(
    browser: Browser, portal: str
) -> None:
    anthony = User.objects.get(email="anthony@vip.example")
    bishal = User.objects.get(email="bishal@vip.example")
    conversation = services.open_conversation(user=anthony, counterpart_id=bishal.pk)
    address = f"{portal}messages/{conversation.pk}/"
    with person_page(browser) as page:
        log_in(page, portal, "carol@vip.example")
        response = page.goto(address)
        assert response is not None and response.status == 404
    with person_page(browser) as page:
        page.goto(address)
        assert "/accounts/login/" in page.url

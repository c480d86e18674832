"""Anthony lets the demo's agency act for him from his own page. The agency, with its second
factor, finds him among its clients, acts for him under the banner that names him and states his
request through his own pages (the audit log has the agency acting on his behalf); his messages
stay his. Anthony revokes the delegation after its confirmation page, and the agency's next page
ends the acting and says why; its notifications tell it both. Every page passes axe and fits the
window, in English and Spanish, at desktop and on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from vip.audit.models import Action, AuditEvent
from vip.people.models import User

from tests.cast import totp_code
from tests.e2e.browser import checked, log_in, person_page
from tests.e2e.test_the_sponsor_asks_for_a_worker_and_finds_bishal import ANSWERS


def answer(page: Page, answers: dict[str, object]) -> None:
    for selector, value in answers.items():
        field = page.locator(selector)
        if value is True:
            field.click()
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(str(value))
        else:
            field.fill(str(value))
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize(
    ("language", "phone"),
    [("en", False), ("en", True), ("es", False), ("es", True)],
    ids=["en-desktop", "en-phone", "es-desktop", "es-phone"],
)
def test_the_agency_acts_for_anthony_and_anthony_revokes(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    agency = User.objects.get(email="agency@vip.example")
    anthony = User.objects.get(email="anthony@vip.example")
    with (
        person_page(browser, language=language, phone=phone) as his,
        person_page(browser, language=language, phone=phone) as its,
    ):
        log_in(his, portal, anthony.email)
        his.locator("main a[href$='/sponsor/agency/']").click()
        checked(his)
        his.locator("#id_q").fill("acme")
        his.locator("main form[role=search] button").click()
        checked(his)
        his.locator(f"main form[action$='/sponsor/agency/{agency.pk}/choose/'] button").click()
        expect(his.locator("main .usa-alert--success")).to_contain_text(agency.full_name)
        checked(his)

        log_in(its, portal, agency.email)
        its.locator("#id_code").fill(totp_code())
        its.locator("main button[type=submit]").first.click()
        expect(its).to_have_url(re.compile(r"/agency/$"))
        expect(its.locator("main")).to_contain_text("Anthony")
        checked(its)
        its.locator(f"main form[action$='/agency/clients/{anthony.pk}/act/'] button").click()
        expect(its).to_have_url(re.compile(r"/sponsor/$"))
        expect(its.locator("#acting")).to_contain_text("Anthony")
        checked(its)
        its.locator(".vip-task-list a[href$='/request/languages/']").click()
        for step, answers in ANSWERS:
            expect(its).to_have_url(re.compile(f"/request/{step}/$"))
            expect(its.locator("#acting")).to_contain_text("Anthony")
            checked(its)
            answer(its, answers)
        expect(its).to_have_url(re.compile(r"/request/check/$"))
        checked(its)
        its.locator("main form button[type=submit]").click()
        assert re.search(r"R-\d{6}", its.locator("main").inner_text())
        checked(its)
        event = AuditEvent.objects.get(action=Action.REQUEST_CREATED)
        assert (event.actor_id, event.data["on_behalf_of"]) == (agency.pk, anthony.pk)
        its.goto(f"{portal}messages/")  # his own: refused with the reason
        expect(its.locator("main h1")).to_contain_text("Anthony")
        checked(its)

        his.locator("main a[href$='/sponsor/agency/revoke/']").click()
        checked(his)
        his.locator("main form button[type=submit]").click()
        expect(his.locator("main .usa-alert--success")).to_contain_text(agency.full_name)
        checked(his)

        its.goto(f"{portal}sponsor/")
        expect(its).to_have_url(re.compile(r"/agency/$"))
        expect(its.locator("main .usa-alert--warning")).to_contain_text("Anthony")
        expect(its.locator("#acting")).to_have_count(0)
        checked(its)
        its.locator("header a[href$='/notifications/']").click()
        expect(its.locator("main .vip-task-list li")).to_have_count(2)
        checked(its)

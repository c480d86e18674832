"""Where the law sends every application to the immigration office (`decision.manual_review` in
force), Anthony's application for Bishal waits in review. The authority, with her second factor,
sees it counted on her workspace, opens the queue and the application with its reason and
parameter, sends the form empty (the error summary), then approves it with a note; the queue is
empty and the visa's page says approved. Every page passes axe and fits the window, at
desktop and on a phone, in English and Spanish."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from playwright.sync_api import Browser, expect

from vip.people.models import User
from vip.policy.parameters import jurisdiction, jurisdictions
from vip.visas import services
from vip.visas.models import Status, Visa

from tests.cast import insurance, signed_agreement, totp_code
from tests.e2e.browser import checked, log_in, person_page


def manual_review_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    """The US's dated parameters with `decision.manual_review` true since 2025, for this test:
    what a jurisdiction's YAML says when its law reviews every application by hand."""
    us = jurisdiction("US")
    review = dataclasses.replace(
        us.parameters["decision.manual_review"], values=((dt.date(2025, 1, 1), True),)
    )
    changed = dataclasses.replace(us, parameters={**us.parameters, review.name: review})
    monkeypatch.setitem(jurisdictions(), "US", changed)


@pytest.mark.parametrize(
    ("language", "phone"),
    [("en", False), ("en", True), ("es", False), ("es", True)],
    ids=["en-desktop", "en-phone", "es-desktop", "es-phone"],
)
def test_the_authority_decides_an_application_in_review_from_her_queue(
    browser: Browser, portal: str, monkeypatch: pytest.MonkeyPatch, language: str, phone: bool
) -> None:
    manual_review_in_force(monkeypatch)
    anthony = User.objects.get(email="anthony@vip.example")
    agreement = signed_agreement(anthony, User.objects.get(email="bishal@vip.example"))
    visa = services.apply(user=anthony, agreement_id=agreement.pk, insurance=insurance(agreement))
    assert visa.status == Status.REVIEW

    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "authority@vip.example")
        page.locator("#id_code").fill(totp_code())
        page.locator("main button[type=submit]").first.click()
        page.goto(f"{portal}home/")
        queue = page.locator("main tr", has=page.locator("a[href$='/authority/reviews/']"))
        expect(queue.locator("td")).to_have_text("1")
        checked(page)
        queue.locator("a").click()
        checked(page)
        page.locator(f"main a[href$='/authority/reviews/{visa.pk}/']").click()
        expect(page.locator("main")).to_contain_text("decision.manual_review")
        checked(page)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#error-summary-heading")).to_be_visible()
        checked(page)
        page.locator("label[for=id_outcome_0]").click()  # approve
        page.locator("#id_note").fill("Pay and housing checked with the sponsor.")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main .usa-alert--success")).to_be_visible()
        expect(page.locator(f"main a[href$='/authority/reviews/{visa.pk}/']")).to_have_count(0)
        checked(page)
        page.goto(f"{portal}authority/visas/{visa.pk}/")
        checked(page)

    decided = Visa.objects.get(pk=visa.pk)
    assert (decided.status, decided.decision_note) == (
        Status.APPROVED,
        "Pay and housing checked with the sponsor.",
    )

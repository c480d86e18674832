"""Anthony invites Bishal to a video interview at a time in his own zone; the invitation shows it
in both time zones with the room's link and a calendar file; bad input is shown on the form. Each
page passes axe at desktop and on a phone, in each language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from vip.agreements import services as agreements
from vip.agreements.models import Interview
from vip.people.models import User

from tests.cast import seed_terms
from tests.e2e.browser import checked, log_in, person_page


@pytest.mark.parametrize(("language", "phone"), [("en", False), ("es", True), ("ne", True)])
def test_the_sponsor_invites_bishal_to_an_interview(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    anthony = User.objects.get(email="anthony@vip.example")
    bishal = User.objects.get(email="bishal@vip.example")
    offer = agreements.offer(
        user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms()
    )
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "anthony@vip.example")
        page.goto(f"{portal}agreements/{offer.pk}/interview/")
        checked(page)
        page.locator("main form button[type=submit]").click()  # nothing given: on the form
        expect(page.locator("#id_day-error")).to_be_visible()
        checked(page)
        day = dt.date.today() + dt.timedelta(days=3)
        page.locator("#id_day").fill(day.isoformat())
        page.locator("#id_hour").fill("09:30")
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/interviews/\d+/$"))
        interview = Interview.objects.get()
        expect(page.locator("main")).to_contain_text(interview.video_url)
        checked(page)
        with page.expect_download() as download:
            page.locator(f"a[href$='/interviews/{interview.pk}/invitation.ics']").click()
        assert "BEGIN:VEVENT" in Path(download.value.path()).read_text()
    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "bishal@vip.example")
        page.locator(f".vip-task-list a[href$='/interviews/{interview.pk}/']").click()
        expect(page.locator("main dd").first).to_contain_text("+0545")  # Kathmandu first
        checked(page)


def test_an_interview_is_not_found_by_another_person(browser: Browser, portal: str) -> None:
    anthony = User.objects.get(email="anthony@vip.example")
    bishal = User.objects.get(email="bishal@vip.example")
    offer = agreements.offer(
        user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms()
    )
    at = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    interview = agreements.schedule_interview(user=anthony, agreement_id=offer.pk, at=at)
    with person_page(browser) as page:
        log_in(page, portal, "carol@vip.example")
        for address in (
            f"interviews/{interview.pk}/",
            f"interviews/{interview.pk}/invitation.ics",
            f"agreements/{offer.pk}/interview/",
        ):
            response = page.goto(f"{portal}{address}")
            assert response is not None and response.status == 404, address
    with person_page(browser) as page:
        page.goto(f"{portal}interviews/{interview.pk}/")
        assert "/accounts/login/" in page.url

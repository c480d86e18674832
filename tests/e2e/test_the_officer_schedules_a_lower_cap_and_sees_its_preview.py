"""Two sponsors of 12 Elm St each have a worker, under Springfield's cap of two a household. The
officer, with his second factor, opens his community's rules, asks for a cap of one from a day in
the past (refused on its field), then from next month: the preview says one household is over the
new cap and no visa is revoked; he saves it and finds it scheduled. Every page passes axe and fits
the window at desktop and on a phone, in English and Spanish."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, expect

from vip.clock import today
from vip.communities.models import CommunityRules
from vip.people import services as people
from vip.people.models import User

from tests.cast import active_visa, migrant, sponsor, totp_code
from tests.e2e.browser import checked, log_in, person_page


@pytest.mark.parametrize(
    ("language", "phone"),
    [("en", False), ("en", True), ("es", False), ("es", True)],
    ids=["en-desktop", "en-phone", "es-desktop", "es-phone"],
)
def test_the_officer_schedules_a_lower_cap_and_sees_its_preview(
    browser: Browser, portal: str, language: str, phone: bool
) -> None:
    authority = User.objects.get(email="authority@vip.example")
    officer = User.objects.get(email="officer@vip.example")
    CommunityRules.objects.filter(community__code="springfield").update(max_per_household=2)
    for name, worker in (("Frank", "Dawa"), ("Gloria", "Gita")):
        neighbour = sponsor(authority, name)
        people.assign_household(user=officer, person_id=neighbour.pk, household="12 Elm St")
        active_visa(neighbour, migrant(authority, worker))
    later = today() + dt.timedelta(days=30)
    before = CommunityRules.objects.count()

    with person_page(browser, language=language, phone=phone) as page:
        log_in(page, portal, "officer@vip.example")
        page.locator("#id_code").fill(totp_code())
        page.locator("main button[type=submit]").first.click()
        page.goto(f"{portal}community/")
        checked(page)
        page.locator("main a[href$='/community/rules/']").first.click()
        checked(page)
        page.locator("#id_effective_from").fill((today() - dt.timedelta(days=1)).isoformat())
        page.locator("#id_max_per_household").fill("1")
        page.locator("main button[name=preview]").click()
        expect(page.locator("#error-summary-heading")).to_be_visible()
        checked(page)
        page.locator("#id_effective_from").fill(later.isoformat())
        page.locator("main button[name=preview]").click()
        expect(page.locator("#preview")).to_contain_text("1")
        checked(page)
        page.locator("main button[name=save]").click()
        expect(page.locator("main .usa-alert--success")).to_be_visible()
        expect(page.locator("#preview")).to_have_count(0)
        checked(page)

    assert CommunityRules.objects.count() == before + 1
    assert CommunityRules.objects.get(effective_from=later).max_per_household == 1

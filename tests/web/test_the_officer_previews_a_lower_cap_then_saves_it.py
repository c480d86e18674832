"""The rules editor: a lower cap per household is previewed (the households over it; no visa is
revoked), then saved from a later date; a date in the past is refused on the form with its code."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from vip.clock import today
from vip.communities.models import CommunityRules
from vip.people import services as people
from vip.people.models import User

from tests.cast import active_visa, migrant, sponsor


def test_the_officer_previews_a_lower_cap_and_saves_it(story: dict[str, User]) -> None:
    authority, officer = story["authority"], story["officer"]
    for name, worker in (("Frank", "Dawa"), ("Carol2", "Gita")):
        someone = sponsor(authority, name)
        people.assign_household(user=officer, person_id=someone.pk, household="12 Elm St")
        CommunityRules.objects.filter(community__code="springfield").update(max_per_household=2)
        active_visa(someone, migrant(authority, worker))
    client = Client()
    client.force_login(officer)
    later = today() + dt.timedelta(days=30)
    form = {"effective_from": later.isoformat(), "max_per_household": "1", "preview": ""}

    shown = client.post("/community/rules/", form)
    assert "1 household over the new cap; existing visas are not revoked." in shown.content.decode()
    before = CommunityRules.objects.count()

    saved = client.post("/community/rules/", {**form, "save": ""})
    assert saved.status_code == 302
    assert CommunityRules.objects.count() == before + 1
    assert CommunityRules.objects.get(effective_from=later).max_per_household == 1
    assert "scheduled" in client.get("/community/rules/").content.decode()


def test_a_date_in_the_past_is_refused_on_the_form(story: dict[str, User]) -> None:
    client = Client()
    client.force_login(story["officer"])
    before = CommunityRules.objects.count()
    yesterday = today() - dt.timedelta(days=1)
    for button in ("preview", "save"):
        page = client.post(
            "/community/rules/", {"effective_from": yesterday.isoformat(), button: ""}
        )
        assert page.status_code == 200
        assert (
            "RULE_DATE_IN_PAST" in page.content.decode()
            or "today or later" in page.content.decode()
        )
    assert CommunityRules.objects.count() == before

"""Every page of a visa answers another sponsor, another migrant and a person of the other role
with 404 (no hint that the visa exists), and a visitor with the login page."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User

from tests.cast import active_visa, migrant

SPONSOR_PAGES = [
    "/sponsor/visas/{visa}/",
    "/sponsor/visas/{visa}/decision/",
    "/sponsor/visas/{visa}/report/unemployed/",
    "/sponsor/agreements/{agreement}/insurance/",
    "/sponsor/agreements/{agreement}/application/",
]
MIGRANT_PAGES = [
    "/migrant/visas/{visa}/",
    "/migrant/visas/{visa}/report/left/",
    "/migrant/visas/{visa}/earnings/",
    "/migrant/visas/{visa}/complaints/",
    "/migrant/visas/{visa}/another-sponsor/",
]


def status(user: User | None, path: str) -> int:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/"), response["Location"]
    return response.status_code


def test_a_visa_page_is_not_found_for_another_person(story: dict[str, User]) -> None:
    anthony, bishal, carol = story["anthony"], story["bishal"], story["carol"]
    visa = active_visa(anthony, bishal)
    dawa = migrant(story["authority"], "Dawa")
    sponsor_pages = [p.format(visa=visa.pk, agreement=visa.agreement_id) for p in SPONSOR_PAGES]
    migrant_pages = [p.format(visa=visa.pk) for p in MIGRANT_PAGES]

    assert [status(anthony, p) for p in sponsor_pages] == [200] * len(sponsor_pages)
    assert [status(bishal, p) for p in migrant_pages] == [200] * len(migrant_pages)
    for outsider in (carol, bishal):
        assert {status(outsider, p) for p in sponsor_pages} == {404}
    for outsider in (dawa, anthony):
        assert {status(outsider, p) for p in migrant_pages} == {404}
    assert {status(None, p) for p in sponsor_pages + migrant_pages} == {302}
    assert status(anthony, "/sponsor/money/") == 200
    assert status(bishal, "/sponsor/money/") == 404
    assert status(None, "/sponsor/money/") == 302
    assert status(bishal, "/migrant/money/") == 200
    assert status(anthony, "/migrant/money/") == 404


def test_an_event_he_may_not_report_is_not_found(story: dict[str, User]) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    assert status(story["anthony"], f"/sponsor/visas/{visa.pk}/report/left/") == 404
    assert status(story["bishal"], f"/migrant/visas/{visa.pk}/report/disappeared/") == 404

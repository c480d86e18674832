"""The authority lands on her workspace: each work queue with its count, from the dashboard's
registry, and people found by name, e-mail or id, ten a page."""

from __future__ import annotations

from django.test import Client
from django.utils.translation import gettext_lazy

from vip.people.models import User
from vip.web import authority_dashboard
from vip.web.authority_dashboard import Queue

from tests.cast import active_visa, migrant
from tests.web.test_the_authority_decides_an_application_in_review import in_review


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_authority_lands_on_her_queues_with_their_counts(story: dict[str, User]) -> None:
    in_review(story)
    client = client_of(story["authority"])

    assert client.get("/home/")["Location"] == "/authority/"
    page = client.get("/authority/").content.decode()

    assert 'href="/authority/reviews/"' in page
    row = page[page.index('href="/authority/reviews/"') :]
    assert "<td>1</td>" in row[: row.index("</tr>")]


def test_a_queue_registered_twice_appears_once_on_the_dashboard(story: dict[str, User]) -> None:
    queues = dict(authority_dashboard.QUEUES)
    try:
        for _ in range(2):
            authority_dashboard.register(
                Queue(gettext_lazy("Some queue"), "web:authority_people", lambda _: 7, 1)
            )
        lines = authority_dashboard.lines(story["authority"])
    finally:
        authority_dashboard.QUEUES.clear()
        authority_dashboard.QUEUES.update(queues)

    assert (str(lines[0].label), lines[0].count) == ("Some queue", 7)
    assert [line.url for line in lines].count("/authority/people/") == 1


def test_the_authority_finds_people_by_name_e_mail_or_id(story: dict[str, User]) -> None:
    client = client_of(story["authority"])
    bishal = story["bishal"]

    for text in ("bish", bishal.email.upper(), str(bishal.pk), f"P-{bishal.pk:06d}"):
        page = client.get("/authority/people/", {"q": text}).content.decode()
        assert bishal.email in page, text
    assert "Anthony" not in client.get("/authority/people/", {"q": "bish"}).content.decode()


def test_the_people_found_are_shown_ten_a_page(story: dict[str, User]) -> None:
    for number in range(12):
        migrant(story["authority"], f"Pagewalker{number:02d}")
    client = client_of(story["authority"])

    first = client.get("/authority/people/", {"q": "pagewalker"}).content.decode()
    second = client.get("/authority/people/", {"q": "pagewalker", "page": "2"}).content.decode()

    assert first.count("Pagewalker") == 10 and "?q=pagewalker&amp;page=2" in first
    assert second.count("Pagewalker") == 2 and "?q=pagewalker&amp;page=1" in second


def test_the_dashboard_names_the_verifications_and_the_auctions(story: dict[str, User]) -> None:
    page = client_of(story["authority"]).get("/authority/").content.decode()

    assert 'href="/authority/verifications/"' in page
    assert 'href="/authority/auctions/"' in page


def test_a_person_found_leads_to_his_visas_and_his_events(story: dict[str, User]) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    page = client_of(story["authority"]).get("/authority/people/", {"q": "bishal"})

    assert f"/authority/visas/{visa.pk}/" in page.content.decode()
    assert f"/authority/audit/?person=P-{story['bishal'].pk}" in page.content.decode()

"""Through the portal: Bishal's task list leads to his check-in, an incomplete form comes back with
its error summary, "not paid as agreed" is sent and the case is in the authority's queue, whose
page shows his answers (a sensitive read) and closes it with a note he then reads. The sponsor
finds none of these pages."""

from __future__ import annotations

import pytest
from django.test import Client

from vip.audit.models import Action, AuditEvent
from vip.people.models import User
from vip.welfare import selectors
from vip.welfare.models import CaseStatus

from tests.welfare.life import checkin_due

pytestmark = pytest.mark.django_db


def client_of(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_bishal_answers_not_paid_and_the_authority_closes_the_case(
    story: dict[str, User],
) -> None:
    bishal, authority = story["bishal"], story["authority"]
    checkin = checkin_due(story["anthony"], bishal)
    his, hers = client_of(bishal), client_of(authority)

    home = his.get("/migrant/").content.decode()
    assert 'href="/migrant/welfare/"' in home
    assert (
        f"/migrant/welfare/checkins/{checkin.pk}/" in his.get("/migrant/welfare/").content.decode()
    )
    page = f"/migrant/welfare/checkins/{checkin.pk}/"
    incomplete = his.post(page, {"paid_as_agreed": "no"})
    assert incomplete.status_code == 200
    assert "error-summary-heading" in incomplete.content.decode()
    sent = his.post(
        page,
        {
            "paid_as_agreed": "no",
            "housing_as_agreed": "yes",
            "feels_safe": "yes",
            "charged_fee": "no",
            "text": "My wages for November were not paid.",
        },
        follow=True,
    )
    assert sent.redirect_chain[-1][0] == "/migrant/welfare/"
    case = selectors.queue(authority).get()
    assert f"R-{case.pk:06d}" in sent.content.decode()

    assert 'href="/authority/welfare/"' in hers.get("/authority/").content.decode()
    listed = hers.get("/authority/welfare/").content.decode()
    assert f'href="/authority/welfare/{case.pk}/"' in listed
    before = AuditEvent.objects.filter(action=Action.SENSITIVE_READ).count()
    opened = hers.get(f"/authority/welfare/{case.pk}/").content.decode()
    assert "My wages for November were not paid." in opened
    assert AuditEvent.objects.filter(action=Action.SENSITIVE_READ).count() == before + 1
    hers.post(
        f"/authority/welfare/{case.pk}/",
        {"action": "assign", "assign-assignee": authority.pk},
    )
    closed = hers.post(
        f"/authority/welfare/{case.pk}/",
        {"action": "close", "close-note": "Anthony has paid November's wages."},
        follow=True,
    )
    assert closed.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert "Anthony has paid November" in his.get("/migrant/welfare/").content.decode()


def test_no_one_else_opens_his_checkin_or_the_queue(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    checkin = checkin_due(story["anthony"], bishal)
    written = client_of(bishal).post("/migrant/welfare/write/", {"message": "Please call me."})
    assert written.status_code == 302
    case_id = selectors.queue(story["authority"]).get().pk
    for name in ("anthony", "agency", "carol"):
        other = client_of(story[name])
        for path in (
            f"/migrant/welfare/checkins/{checkin.pk}/",
            "/migrant/welfare/",
            "/authority/welfare/",
            f"/authority/welfare/{case_id}/",
        ):
            assert other.get(path).status_code == 404, (name, path)

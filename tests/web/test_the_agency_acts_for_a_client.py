"""An agency acts for a client: his own pages under a banner that names him, each action the
services are told is the agency's on his behalf (and the audit log says so), only while his
delegation is live; what only the sponsor himself may do is refused with a clear message."""

from __future__ import annotations

from django.test import Client

from vip.audit.models import Action, AuditEvent
from vip.people import services as people
from vip.people.models import User


def acting_for_anthony(story: dict[str, User]) -> Client:
    people.delegate(sponsor=story["anthony"], agency_id=story["agency"].pk)
    client = Client()
    client.force_login(story["agency"])
    started = client.post(f"/agency/clients/{story['anthony'].pk}/act/")
    assert started.headers["Location"] == "/sponsor/"
    return client


def test_the_agency_opens_anthonys_task_list_under_a_banner(story: dict[str, User]) -> None:
    client = acting_for_anthony(story)
    page = client.get("/sponsor/").content.decode()
    assert "Acting for <strong>Anthony</strong>" in page
    assert "<h1>Anthony's tasks</h1>" in page
    assert "/sponsor/request/languages/" in page
    # The banner is on every page, the agency's own too, until it stops.
    assert "Acting for" in client.get("/agency/").content.decode()
    assert client.post("/agency/stop/").headers["Location"] == "/agency/"
    assert "Acting for" not in client.get("/agency/").content.decode()
    assert client.get("/sponsor/").status_code == 404


def test_a_request_stated_while_acting_is_the_agencys_on_anthonys_behalf(
    story: dict[str, User],
) -> None:
    client = acting_for_anthony(story)
    client.post("/sponsor/request/languages/", {"language1": "en", "level1": "B1"})
    client.post(
        "/sponsor/request/offer/",
        {"annual_pay": "32000", "housing": "private_room", "duration_months": "12"},
    )
    sent = client.post("/sponsor/request/check/")

    assert sent.status_code == 302, sent.content.decode()
    made = story["anthony"].requests.get()
    assert (made.sponsor, made.created_by) == (story["anthony"], story["agency"])
    event = AuditEvent.objects.get(action=Action.REQUEST_CREATED)
    assert event.actor == story["agency"]
    assert event.data["sponsor"] == event.data["on_behalf_of"] == story["anthony"].pk


def test_acting_is_refused_without_a_live_delegation(story: dict[str, User]) -> None:
    client = Client()
    client.force_login(story["agency"])
    assert client.post(f"/agency/clients/{story['anthony'].pk}/act/").status_code == 404
    assert client.get("/sponsor/").status_code == 404
    people.delegate(sponsor=story["anthony"], agency_id=story["agency"].pk)
    people.revoke_delegation(sponsor=story["anthony"])
    assert client.post(f"/agency/clients/{story['anthony'].pk}/act/").status_code == 404


def test_a_revocation_ends_the_acting_at_the_next_request_and_says_why(
    story: dict[str, User],
) -> None:
    client = acting_for_anthony(story)
    people.revoke_delegation(sponsor=story["anthony"])

    ended = client.get("/sponsor/")
    assert ended.headers["Location"] == "/agency/"
    page = client.get("/agency/").content.decode()
    assert "Anthony no longer delegates to you" in page
    assert "Acting for" not in page
    assert client.get("/sponsor/").status_code == 404


def test_what_only_the_sponsor_himself_does_is_refused_with_a_message(
    story: dict[str, User],
) -> None:
    client = acting_for_anthony(story)
    refused = client.get("/messages/")
    assert refused.status_code == 403
    assert "Only Anthony in person can do this" in refused.content.decode()
    assert client.post(f"/messages/with/{story['bishal'].pk}/").status_code == 403
    # His documents too: any sponsor's page not opened to his agency is his alone.
    assert client.get("/verification/").status_code == 403


def test_another_role_cannot_act_for_anyone(story: dict[str, User]) -> None:
    people.delegate(sponsor=story["anthony"], agency_id=story["agency"].pk)
    for name in ("authority", "officer", "carol", "bishal"):
        client = Client()
        client.force_login(story[name])
        assert client.post(f"/agency/clients/{story['anthony'].pk}/act/").status_code == 404
        assert client.post("/agency/stop/").status_code == 404
        # A session that names a sponsor makes no one but his agency act for him.
        session = client.session
        session["acting_for"] = story["anthony"].pk
        session.save()
        page = client.get("/home/", follow=True).content.decode()
        assert "Acting for" not in page and "delegates" not in page, name

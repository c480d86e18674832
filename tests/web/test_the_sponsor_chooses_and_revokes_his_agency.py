"""The sponsor's own page names the agency that acts for him and since when; he revokes it after
a page that says what it does (the agency is told, and stops acting at its next page), and he
chooses a licensed agency found by name. An agency acting for him cannot use the page."""

from __future__ import annotations

from django.test import Client

from vip.notifications.models import Notification, NotificationKind
from vip.people import services as people
from vip.people.models import Delegation, User


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anthony_finds_an_agency_by_name_and_lets_it_act_for_him(story: dict[str, User]) -> None:
    anthony = logged_in(story["anthony"])
    assert "No agency acts for you" in anthony.get("/sponsor/agency/").content.decode()
    found = anthony.get("/sponsor/agency/", {"q": "acme"}).content.decode()
    assert "Acme Placement Agency" in found

    chosen = anthony.post(f"/sponsor/agency/{story['agency'].pk}/choose/", follow=True)

    assert "Acme Placement Agency now acts for you." in chosen.content.decode()
    assert Delegation.objects.get(revoked_at=None).agency == story["agency"]
    assert (
        Notification.objects.get(person=story["agency"]).kind == NotificationKind.DELEGATION_CREATED
    )


def test_no_one_but_a_licensed_agency_is_chosen(story: dict[str, User]) -> None:
    anthony = logged_in(story["anthony"])
    assert "Officer" not in anthony.get("/sponsor/agency/", {"q": "o"}).content.decode()
    refused = anthony.post(f"/sponsor/agency/{story['officer'].pk}/choose/", follow=True)
    assert "AGENCY_NOT_FOUND" in refused.content.decode()
    assert not Delegation.objects.exists()


def test_anthony_revokes_after_a_confirmation_and_the_agency_stops_acting(
    story: dict[str, User],
) -> None:
    people.delegate(sponsor=story["anthony"], agency_id=story["agency"].pk)
    agency = logged_in(story["agency"])
    agency.post(f"/agency/clients/{story['anthony'].pk}/act/")
    anthony = logged_in(story["anthony"])
    page = anthony.get("/sponsor/agency/").content.decode()
    assert "Acme Placement Agency acts for you" in page and "Since " in page

    confirm = anthony.get("/sponsor/agency/revoke/")
    assert "Revoke Acme Placement Agency's delegation?" in confirm.content.decode()
    assert Delegation.objects.filter(revoked_at=None).exists()  # a GET changes nothing
    done = anthony.post("/sponsor/agency/revoke/", follow=True).content.decode()

    assert "Acme Placement Agency no longer acts for you." in done
    assert not Delegation.objects.filter(revoked_at=None).exists()
    told = Notification.objects.filter(
        person=story["agency"], kind=NotificationKind.DELEGATION_REVOKED
    )
    assert told.count() == 1
    assert agency.get("/sponsor/").headers["Location"] == "/agency/"
    notices = agency.get("/notifications/").content.decode()
    assert "A sponsor has revoked their delegation" in notices


def test_the_agency_acting_for_him_cannot_revoke_nor_choose(story: dict[str, User]) -> None:
    people.delegate(sponsor=story["anthony"], agency_id=story["agency"].pk)
    agency = logged_in(story["agency"])
    agency.post(f"/agency/clients/{story['anthony'].pk}/act/")
    for path in ("/sponsor/agency/", "/sponsor/agency/revoke/"):
        refused = agency.post(path)
        assert refused.status_code == 403
        assert "Only Anthony in person can do this" in refused.content.decode()
    assert Delegation.objects.filter(revoked_at=None).exists()


def test_the_page_is_not_found_for_any_other_role(story: dict[str, User]) -> None:
    for name in ("authority", "officer", "agency", "bishal"):
        client = logged_in(story[name])
        for path in ("/sponsor/agency/", "/sponsor/agency/revoke/"):
            assert client.get(path).status_code == 404, (name, path)
        assert client.post(f"/sponsor/agency/{story['agency'].pk}/choose/").status_code == 404

"""The agency's workspace lists the sponsors who delegated to it, each with his progress through
his own task list; another agency's clients are not there, and every other role finds no page."""

from __future__ import annotations

from django.test import Client

from vip.people import services as people
from vip.people.models import Role, User

from tests.cast import official


def test_the_agency_lands_on_its_clients_with_their_progress(story: dict[str, User]) -> None:
    people.delegate(sponsor=story["anthony"], agency_id=story["agency"].pk)
    other = official(story["authority"], "Rival", Role.AGENCY)
    people.delegate(sponsor=story["carol"], agency_id=other.pk)
    client = Client()
    client.force_login(story["agency"])

    assert client.get("/home/").headers["Location"] == "/agency/"
    page = client.get("/agency/").content.decode()

    assert "Anthony" in page
    assert "Carol" not in page
    # Anthony is verified and his household is recorded: two of his task list's steps.
    assert "2 of 10 steps done" in page
    assert "Next: Describe the worker you want" in page


def test_a_revoked_client_is_no_longer_listed(story: dict[str, User]) -> None:
    people.delegate(sponsor=story["anthony"], agency_id=story["agency"].pk)
    people.revoke_delegation(sponsor=story["anthony"])
    client = Client()
    client.force_login(story["agency"])
    assert "Anthony" not in client.get("/agency/").content.decode()


def test_the_clients_are_paged(story: dict[str, User]) -> None:
    for n in range(11):
        sponsor = people.create_account(
            email=f"s{n}@test.vip.example",
            password="x-long-password-1",
            role=Role.SPONSOR,
            full_name=f"Sponsor {n:02}",
            birth_date=None,
            country="US",
        )
        people.delegate(sponsor=sponsor, agency_id=story["agency"].pk)
    client = Client()
    client.force_login(story["agency"])
    first = client.get("/agency/").content.decode()
    second = client.get("/agency/?page=2").content.decode()
    assert "Sponsor 10" in first and "Sponsor 00" not in first
    assert "Sponsor 00" in second and "?page=1" in second


def test_the_agency_finds_a_client_by_name(story: dict[str, User]) -> None:
    for sponsor in ("anthony", "carol"):
        people.delegate(sponsor=story[sponsor], agency_id=story["agency"].pk)
    client = Client()
    client.force_login(story["agency"])
    found = client.get("/agency/", {"q": "CAR"}).content.decode()
    assert "Carol" in found and "Anthony" not in found
    assert "1 client found" in found


def test_the_workspace_is_not_found_for_any_other_role(story: dict[str, User]) -> None:
    for name in ("authority", "officer", "anthony", "bishal"):
        client = Client()
        client.force_login(story[name])
        assert client.get("/agency/").status_code == 404, name

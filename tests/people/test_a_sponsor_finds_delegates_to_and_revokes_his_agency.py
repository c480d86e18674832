"""A sponsor finds an agency's id by its name, delegates to it, and revokes the delegation; the
agency lists its clients, and acts for a sponsor no more once he has revoked."""

from __future__ import annotations

import pytest

from vip.errors import Forbidden, NotFound
from vip.people import services as people
from vip.people.models import User
from vip.people.selectors import acts_for

from tests.cast import Api

World = dict[str, User]


def test_an_agencys_id_is_found_by_its_name(story: World, api: Api) -> None:
    agency = story["agency"]
    part = agency.full_name.split()[0].lower()
    status, found = api.get(f"/agencies?name={part}", as_=story["carol"])
    assert status == 200
    assert {"id": agency.pk, "full_name": agency.full_name} in found
    assert api.get("/agencies?name=no-such-agency", as_=story["carol"])[1] == []


def test_the_agency_lists_its_clients_until_one_revokes(story: World, api: Api) -> None:
    anthony, carol, agency = story["anthony"], story["carol"], story["agency"]
    for sponsor in (anthony, carol):
        people.delegate(sponsor=sponsor, agency_id=agency.pk)
    status, clients = api.get("/me/clients", as_=agency)
    assert (status, [c["id"] for c in clients]) == (200, [carol.pk, anthony.pk])
    status, revoked = api.call("delete", "/me/delegations", as_=anthony)
    assert status == 200 and revoked["id"]
    assert [c["id"] for c in api.get("/me/clients", as_=agency)[1]] == [carol.pk]
    assert not acts_for(agency, anthony)
    status, again = api.call("delete", "/me/delegations", as_=anthony)
    assert (status, again["error"]["code"]) == (404, "DELEGATION_NOT_FOUND")
    assert api.get("/me/clients", as_=anthony)[1]["error"]["code"] == "ROLE_REQUIRED"


def test_only_a_sponsor_revokes_a_delegation(story: World) -> None:
    with pytest.raises(Forbidden):
        people.revoke_delegation(sponsor=story["bishal"])
    with pytest.raises(NotFound):
        people.revoke_delegation(sponsor=story["carol"])

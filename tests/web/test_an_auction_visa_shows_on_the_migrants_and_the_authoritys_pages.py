"""An auction visa (no sponsor, no community) opens on the migrant's visa pages and the
authority's record like any visa: no sponsor is named, his money page shows what he paid."""

from __future__ import annotations

import pytest
from django.test import Client

from vip.auctions import services
from vip.people.models import User

from tests.auctions.seats import cleared_with, cover

pytestmark = pytest.mark.database


def test_an_auction_visa_shows_on_the_migrants_and_the_authoritys_pages(
    story: dict[str, User],
) -> None:
    authority, bishal = story["authority"], story["bishal"]
    _, registered = cleared_with(authority, {bishal: 5000_00})
    services.record_payment(authority=authority, registration_id=registered[bishal].pk)
    visa = services.issue_visa(
        authority=authority, registration_id=registered[bishal].pk, insurance=cover()
    )
    migrant = Client()
    migrant.force_login(bishal)
    for path in (
        f"/migrant/visas/{visa.pk}/",
        f"/migrant/visas/{visa.pk}/earnings/",
        "/migrant/money/",
    ):
        page = migrant.get(path)
        assert page.status_code == 200, path
        assert "Sponsor</dt>" not in page.content.decode()
    assert "auction" in migrant.get("/migrant/money/").content.decode().lower()
    official = Client()
    official.force_login(authority)
    assert official.get(f"/authority/visas/{visa.pk}/").status_code == 200

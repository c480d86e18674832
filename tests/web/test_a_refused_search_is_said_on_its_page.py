"""A search the service refuses (a sponsor not verified yet, too many searches) is said on the
page, in the person's language, with its status: never an error page."""

from __future__ import annotations

from django.test import Client, override_settings
from django.urls import reverse

from vip.demo.people import seed_request
from vip.people.models import User

from tests.cast import sponsor


def test_an_unverified_sponsor_is_told_why_he_sees_no_candidates(story: dict[str, User]) -> None:
    uma = sponsor(story["authority"], "Uma", verify=())
    request = seed_request()
    request.sponsor = uma
    request.save(update_fields=["sponsor"])
    client = Client()
    client.force_login(uma)

    page = client.get(reverse("web:candidates", args=[request.pk]), HTTP_ACCEPT_LANGUAGE="es")

    assert page.status_code == 403
    assert "SPONSOR_NOT_VERIFIED" in page.content.decode()


@override_settings(VIP_SEARCHES_PER_WINDOW=1)
def test_a_migrant_searching_too_often_is_told_to_wait(story: dict[str, User]) -> None:
    client = Client()
    client.force_login(story["bishal"])
    url = reverse("web:opportunities")

    assert client.get(url).status_code == 200
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es")

    assert page.status_code == 429
    assert "Ha buscado muchas veces" in page.content.decode()

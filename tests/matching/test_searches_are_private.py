"""Searching people is private: only a verified sponsor's request is searched and only verified
migrants are listed; every search is audited and rate-limited (in the shared cache); a migrant
sees who saw him in a search's results (GET /me/views)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.test import override_settings

from vip.audit.models import Action, AuditEvent
from vip.demo.people import seed_request
from vip.people import services as people
from vip.people.models import User

from tests.cast import Api, sponsor

Capture = Callable[..., AbstractContextManager[Any]]


def candidates(api: Api, request_id: int, as_: User) -> tuple[int, dict[str, object]]:
    status, body = api.get(f"/requests/{request_id}/candidates", as_)
    return status, body


def listed(body: dict[str, object]) -> list[int]:
    return [r["migrant"]["id"] for r in body["results"]]  # type: ignore[attr-defined, index]


def test_an_unverified_sponsor_finds_nobody(story: dict[str, User], api: Api) -> None:
    uma = sponsor(story["authority"], "Uma", verify=())
    request = seed_request()
    request.sponsor = uma
    request.save(update_fields=["sponsor"])

    status, body = candidates(api, request.pk, uma)

    assert (status, body["error"]["code"]) == (403, "SPONSOR_NOT_VERIFIED")  # type: ignore[index]


def test_a_migrant_whose_identity_is_not_verified_is_not_listed(
    story: dict[str, User], api: Api, django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal, authority = story["anthony"], story["bishal"], story["authority"]
    request = seed_request()
    assert bishal.pk in listed(candidates(api, request.pk, anthony)[1])

    with django_capture_on_commit_callbacks(execute=True):  # the index follows at commit
        people.record_verification(
            authority=authority, person_id=bishal.pk, kind="identity", result="not_clear"
        )

    assert bishal.pk not in listed(candidates(api, request.pk, anthony)[1])
    assert api.get("/me/opportunities", bishal)[1]["results"] == []


def test_every_search_is_audited_and_the_migrant_sees_who_saw_him(
    story: dict[str, User], api: Api
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    request = seed_request()

    candidates(api, request.pk, anthony)
    api.get("/me/opportunities", bishal)

    searched = AuditEvent.objects.get(action=Action.CANDIDATES_SEARCHED)
    assert (searched.actor_id, searched.object_id) == (anthony.pk, str(request.pk))
    assert searched.data["migrants"] == [bishal.pk]
    assert AuditEvent.objects.filter(action=Action.OPPORTUNITIES_SEARCHED, actor=bishal).exists()
    status, views = api.get("/me/views", bishal)
    assert status == 200
    assert [(v["viewer"]["id"], v["request"], v["sponsor"]) for v in views] == [
        (anthony.pk, request.pk, anthony.pk)
    ]
    assert api.get("/me/views", anthony) == (200, [])


@pytest.mark.parametrize("path", ["/requests/{id}/candidates", "/me/opportunities"])
@override_settings(VIP_SEARCHES_PER_WINDOW=2, VIP_SEARCH_WINDOW_SECONDS=600)
def test_searches_past_the_limit_are_refused_until_the_window_ends(
    story: dict[str, User], api: Api, path: str
) -> None:
    searcher = story["bishal"] if "opportunities" in path else story["anthony"]
    url = f"/api/v1{path.format(id=seed_request().pk)}"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api.token(searcher)}"}

    answers = [api.client.get(url, **headers) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json()["error"]["code"] == "TOO_MANY_SEARCHES"
    assert 0 < int(answers[2]["Retry-After"]) <= 600

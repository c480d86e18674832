"""A person lists his tokens (never their secrets) and revokes any of them, the one he presents
too; a new password, by the API or the portal (changed or reset), ends them all; a token
unused for VIP_TOKEN_IDLE_MINUTES ends beside its absolute expiry."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.conf import settings
from django.core import mail
from django.test import Client

from vip.audit.models import Action, AuditEvent
from vip.clock import now
from vip.demo.people import DEMO_PASSWORD
from vip.people import services as people
from vip.people.models import ApiToken, User

NEW_PASSWORD = "a new long passphrase"


def call(method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
    response = getattr(Client(), method)(
        f"/api/v1{path}",
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    return response.status_code, json.loads(response.content) if response.content else None


def works(token: str) -> bool:
    return call("get", "/me", token)[0] == 200


def test_logging_out_revokes_the_presented_token_only(story: dict[str, User]) -> None:
    phone, laptop = (people.issue_token(user=story["anthony"]) for _ in range(2))

    assert call("delete", "/auth/token", phone) == (204, None)

    assert not works(phone) and works(laptop)
    assert AuditEvent.objects.filter(action=Action.TOKEN_REVOKED).count() == 1


def test_a_person_lists_his_tokens_without_their_secrets(story: dict[str, User]) -> None:
    first = people.issue_token(user=story["anthony"])
    second = people.issue_token(user=story["anthony"])
    people.issue_token(user=story["carol"])

    status, listed = call("get", "/me/tokens", second)

    assert status == 200 and [t["current"] for t in listed] == [True, False]
    assert set(listed[0]) == {"id", "created_at", "expires_at", "last_used_at", "current"}
    assert first not in json.dumps(listed) and second not in json.dumps(listed)


def test_a_person_revokes_one_of_his_tokens_and_nobody_elses(story: dict[str, User]) -> None:
    mine, other = (
        people.issue_token(user=story["anthony"]),
        people.issue_token(user=story["anthony"]),
    )
    carols = people.issue_token(user=story["carol"])
    other_id = next(t["id"] for t in call("get", "/me/tokens", mine)[1] if not t["current"])

    status, body = call("delete", f"/me/tokens/{other_id}", carols)
    assert (status, body["error"]["code"]) == (404, "TOKEN_NOT_FOUND")
    assert works(other)

    assert call("delete", f"/me/tokens/{other_id}", mine) == (204, None)
    assert not works(other) and works(mine)


def test_a_new_password_by_the_api_ends_every_token(story: dict[str, User]) -> None:
    tokens = [people.issue_token(user=story["bishal"]) for _ in range(2)]
    wrong = {"current": "not it", "new": NEW_PASSWORD}
    assert call("put", "/me/password", tokens[0], wrong)[1]["error"]["code"] == "BAD_CREDENTIALS"
    weak = {"current": DEMO_PASSWORD, "new": "password123"}
    assert call("put", "/me/password", tokens[0], weak)[1]["error"]["code"] == "PASSWORD_TOO_WEAK"

    assert call(
        "put", "/me/password", tokens[0], {"current": DEMO_PASSWORD, "new": NEW_PASSWORD}
    ) == (
        204,
        None,
    )

    assert not any(works(t) for t in tokens)
    login = {"email": "bishal@vip.example", "password": NEW_PASSWORD}
    assert (
        Client().post("/api/v1/auth/token", login, content_type="application/json").status_code
        == 200
    )
    revoked = AuditEvent.objects.get(action=Action.TOKENS_REVOKED)
    assert revoked.data == {"reason": "password_changed", "count": 2}


def test_a_password_changed_in_the_portal_ends_every_token(story: dict[str, User]) -> None:
    token = people.issue_token(user=story["carol"])
    client = Client()
    client.force_login(story["carol"])

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": DEMO_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302 and not works(token)


def test_a_password_reset_in_the_portal_ends_every_token(story: dict[str, User]) -> None:
    token = people.issue_token(user=story["carol"])
    client = Client()
    client.post("/accounts/password/reset/", {"email": "carol@vip.example"})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)

    response = client.post(
        form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302 and not works(token)


def test_a_token_unused_for_the_idle_time_ends(story: dict[str, User]) -> None:
    token = people.issue_token(user=story["anthony"])
    assert works(token)
    idle = dt.timedelta(minutes=settings.VIP_TOKEN_IDLE_MINUTES)
    ApiToken.objects.update(last_used_at=now() - idle + dt.timedelta(minutes=2))
    assert works(token)  # used again: the idle time counts from now
    assert ApiToken.objects.get().last_used_at > now() - dt.timedelta(minutes=1)

    ApiToken.objects.update(last_used_at=now() - idle - dt.timedelta(seconds=1))

    status, body = call("get", "/me", token)
    assert (status, body["error"]["code"]) == (401, "UNAUTHENTICATED")

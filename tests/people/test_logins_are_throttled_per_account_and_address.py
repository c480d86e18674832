"""Every login path (the API's token, the portal, the admin behind the portal's login) counts
failures per account and per client address in the shared cache: past the limits the answer is
429 TOO_MANY_ATTEMPTS with Retry-After, and failures, lockouts and successes are in the log."""

from __future__ import annotations

import json

from django.conf import settings
from django.test import Client

from vip.audit.models import Action, AuditEvent
from vip.demo.people import DEMO_PASSWORD
from vip.people.models import User

PER_ACCOUNT = settings.VIP_LOGIN_FAILURES_PER_ACCOUNT
PER_ADDRESS = settings.VIP_LOGIN_FAILURES_PER_ADDRESS


def token(email: str, password: str, address: str = "127.0.0.1") -> tuple[int, dict, str]:
    response = Client(REMOTE_ADDR=address).post(
        "/api/v1/auth/token",
        json.dumps({"email": email, "password": password}),
        content_type="application/json",
    )
    return response.status_code, json.loads(response.content), response.get("Retry-After", "")


def portal(client: Client, email: str, password: str) -> tuple[int, str, str]:
    response = client.post("/accounts/login/", {"login": email, "password": password})
    return response.status_code, response.content.decode(), response.get("Retry-After", "")


def events(action: Action) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_the_api_locks_an_account_after_its_failures_even_to_the_right_password(
    story: dict[str, User],
) -> None:
    for _ in range(PER_ACCOUNT):
        status, body, _ = token("anthony@vip.example", "wrong")
        assert (status, body["error"]["code"]) == (422, "BAD_CREDENTIALS")

    status, body, retry_after = token("anthony@vip.example", DEMO_PASSWORD, "10.0.0.9")

    assert (status, body["error"]["code"]) == (429, "TOO_MANY_ATTEMPTS")
    assert retry_after == str(settings.VIP_LOGIN_FAILURE_WINDOW_SECONDS)
    assert token("carol@vip.example", DEMO_PASSWORD)[0] == 200  # another account is not locked


def test_an_address_is_locked_after_its_failures_whatever_the_accounts(
    story: dict[str, User],
) -> None:
    for n in range(PER_ADDRESS):
        assert token(f"nobody{n}@vip.example", "wrong", "10.0.0.7")[0] == 422

    assert token("anthony@vip.example", DEMO_PASSWORD, "10.0.0.7")[0] == 429
    assert token("anthony@vip.example", DEMO_PASSWORD, "10.0.0.8")[0] == 200


def test_the_portal_says_so_on_the_form_with_a_429(story: dict[str, User]) -> None:
    client = Client()
    for _ in range(PER_ACCOUNT):
        assert portal(client, "carol@vip.example", "wrong")[0] == 200  # the form, with its error

    status, page, retry_after = portal(client, "carol@vip.example", DEMO_PASSWORD)

    assert (status, retry_after) == (429, str(settings.VIP_LOGIN_FAILURE_WINDOW_SECONDS))
    assert "Too many failed login attempts" in page
    assert not client.session.get("_auth_user_id")


def test_failures_on_the_portal_and_the_api_count_together(story: dict[str, User]) -> None:
    for _ in range(PER_ACCOUNT - 1):
        portal(Client(), "bishal@vip.example", "wrong")
    assert token("bishal@vip.example", "wrong")[0] == 422

    assert token("bishal@vip.example", DEMO_PASSWORD)[0] == 429


def test_the_admin_has_no_login_of_its_own_but_the_portals(story: dict[str, User]) -> None:
    response = Client().get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    posted = Client().post("/admin/login/", {"username": "authority", "password": "x"})
    assert posted["Location"].startswith("/accounts/login/")


def test_failures_lockouts_and_successes_are_security_events(story: dict[str, User]) -> None:
    anthony = story["anthony"]
    token("anthony@vip.example", DEMO_PASSWORD)
    portal(Client(), "anthony@vip.example", DEMO_PASSWORD)
    for _ in range(PER_ACCOUNT + 3):
        token("anthony@vip.example", "wrong")
    token("nobody@vip.example", "wrong")

    failed = AuditEvent.objects.filter(action=Action.LOGIN_FAILED).order_by("id")
    assert [(e.object_type, e.data["via"]) for e in failed][:PER_ACCOUNT] == [
        ("user", "api")
    ] * PER_ACCOUNT
    assert failed.last().object_type == "login"  # an unknown e-mail: its digest, not the text
    assert "nobody" not in json.dumps(failed.last().data) + failed.last().object_id
    assert events(Action.LOGIN_LOCKED_OUT) == 1  # once per window, however often he knocks
    succeeded = AuditEvent.objects.get(action=Action.LOGIN_SUCCEEDED)
    assert (succeeded.actor, succeeded.data) == (anthony, {"via": "portal", "address": "127.0.0.1"})
    assert events(Action.TOKEN_ISSUED) == 1


def test_allauths_other_limits_answer_429_too_many_attempts_with_retry_after(db: None) -> None:
    client = Client(REMOTE_ADDR="10.0.0.5")
    answers = [client.post("/accounts/signup/", {"email": "x"}) for _ in range(21)]

    assert [a.status_code for a in answers[:20]] == [200] * 20
    assert (answers[20].status_code, answers[20]["Retry-After"]) == (429, "60")
    assert "TOO_MANY_ATTEMPTS" in answers[20].content.decode()

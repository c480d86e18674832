"""An unknown e-mail and a wrong password are answered alike and cost the same hashing; sign-up
answers the same whether the e-mail has an account or not, and e-mails its owner instead."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher, make_password
from django.core import mail
from django.test import Client
from pytest_django.fixtures import Settings

from vip.people.models import User

SIGN_UP = {
    "password": "long enough",
    "role": "sponsor",
    "full_name": "Hari Sharma",
    "birth_date": "1990-05-01",
    "country": "US",
    "citizenship": "US",
    "community": "springfield",
}


class CountingHasher(MD5PasswordHasher):
    """The tests' hasher, counting each time a password is hashed."""

    calls = 0

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.calls += 1
        return super().encode(password, salt)


def post(path: str, body: dict[str, Any]) -> tuple[int, Any]:
    response = Client().post(path, json.dumps(body), content_type="application/json")
    return response.status_code, json.loads(response.content)


def hashed_while(email: str, password: str) -> tuple[int, tuple[int, Any]]:
    before = CountingHasher.calls
    answer = post("/api/v1/auth/token", {"email": email, "password": password})
    return CountingHasher.calls - before, answer


@pytest.fixture
def counting(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]


def test_an_unknown_email_costs_the_hashing_of_a_wrong_password_and_gets_its_answer(
    story: dict[str, User], counting: None
) -> None:
    carol = story["carol"]
    User.objects.filter(pk=carol.pk).update(password=make_password(None))  # a bulk intake's

    unknown = hashed_while("nobody@vip.example", "vip-demo-2026")
    wrong = hashed_while("anthony@vip.example", "not his password")
    unusable = hashed_while(carol.email, "vip-demo-2026")

    assert unknown == wrong == unusable
    assert (
        unknown == (1, (422, unknown[1][1])) and unknown[1][1]["error"]["code"] == "BAD_CREDENTIALS"
    )


def test_api_sign_up_answers_alike_and_emails_the_owner_of_a_taken_address(
    story: dict[str, User],
) -> None:
    new = post("/api/v1/accounts", {**SIGN_UP, "email": "hari@vip.example"})
    taken = post("/api/v1/accounts", {**SIGN_UP, "email": "Anthony@vip.example"})

    assert new == taken and new[0] == 202
    assert [m.to for m in mail.outbox] == [["hari@vip.example"], ["Anthony@vip.example"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert (
        "already exists" in mail.outbox[1].body
        and "/accounts/password/reset/" in mail.outbox[1].body
    )
    assert User.objects.filter(email__iexact="anthony@vip.example").count() == 1


def test_api_sign_up_refuses_alike_whether_the_address_is_taken_or_not(
    story: dict[str, User],
) -> None:
    future = {**SIGN_UP, "birth_date": "2999-01-01"}
    new, taken = (
        post("/api/v1/accounts", {**future, "email": email})
        for email in ("hari@vip.example", "anthony@vip.example")
    )
    assert new == taken and new[1]["error"]["code"] == "BIRTH_DATE_IN_FUTURE"


def portal_sign_up(email: str, **changes: str) -> tuple[int, str, str]:
    form = {**SIGN_UP, "email": email, "password1": "long enough", "password2": "long enough"}
    response = Client().post("/accounts/signup/", {**form, **changes})
    return response.status_code, response.get("Location", ""), response.content.decode()


def test_the_portals_sign_up_answers_alike_and_emails_the_owner(story: dict[str, User]) -> None:
    new = portal_sign_up("hari@vip.example")
    taken = portal_sign_up("anthony@vip.example")

    assert new == taken and new[0] == 302
    assert [m.to for m in mail.outbox] == [["hari@vip.example"], ["anthony@vip.example"]]
    refused = [
        portal_sign_up(email, birth_date="2999-01-01")
        for email in ("hari2@vip.example", "carol@vip.example")
    ]
    assert [status for status, _, _ in refused] == [200, 200]
    assert all("A date of birth lies in the past." in page for _, _, page in refused)

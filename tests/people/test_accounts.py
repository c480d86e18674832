"""Signing up, logging in, and who may create whom."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.test import Client

from vip.audit.models import AuditEvent
from vip.people.models import ApiToken, User

from tests.cast import Api

ANTHONY = {
    "email": "anthony@example.org",
    "password": "correct horse battery",
    "role": "sponsor",
    "full_name": "Anthony",
    "birth_date": "1984-03-02",
    "country": "US",
    "citizenship": "US",
    "community": "springfield",
}


def test_a_citizen_signs_up_as_a_sponsor_confirms_his_address_and_gets_a_token(
    story: dict[str, User], api: Api
) -> None:
    status, _ = api.post("/accounts", {**ANTHONY, "email": "tony@example.org"})
    assert (status, User.objects.get(email="tony@example.org").role) == (202, "sponsor")
    login = {"email": "TONY@example.org", "password": "correct horse battery"}
    status, refused = api.post("/auth/token", login)
    assert (status, refused["error"]["code"]) == (403, "EMAIL_NOT_CONFIRMED")
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    assert link is not None and Client().get(link.group(1)).status_code == 302

    status, token = api.post("/auth/token", login)

    assert status == 200 and len(token["token"]) > 30
    assert ApiToken.objects.get().digest != token["token"]  # only a digest is stored


def test_one_identity_one_account_whatever_the_case_of_the_email(db: None, api: Api) -> None:
    assert api.post("/accounts", {**ANTHONY, "community": None})[0] == 202
    status, _ = api.post(
        "/accounts", {**ANTHONY, "email": "Anthony@Example.org", "community": None}
    )
    assert status == 202  # as for a new address: its owner is told by e-mail
    assert User.objects.filter(email__iexact="anthony@example.org").count() == 1


def test_staff_roles_cannot_be_self_created(db: None, api: Api) -> None:
    status, body = api.post("/accounts", {**ANTHONY, "role": "authority", "community": None})
    assert (status, body["error"]["code"]) == (422, "ROLE_UNKNOWN")


def test_an_unknown_community_is_refused_by_name(db: None, api: Api) -> None:
    status, body = api.post("/accounts", {**ANTHONY, "community": "atlantis"})
    assert (status, body["error"]["code"]) == (422, "COMMUNITY_UNKNOWN")


def test_a_wrong_password_gets_no_token(story: dict[str, User], api: Api) -> None:
    status, body = api.post("/auth/token", {"email": "anthony@vip.example", "password": "nope"})
    assert (status, body["error"]["code"]) == (422, "BAD_CREDENTIALS")


def test_an_expired_token_is_refused(story: dict[str, User], api: Api) -> None:
    anthony = story["anthony"]
    assert api.get("/me", as_=anthony)[0] == 200
    ApiToken.objects.filter(user=anthony).update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    status, body = api.get("/me", as_=anthony)
    assert (status, body["error"]["code"]) == (401, "UNAUTHENTICATED")


def test_only_the_authority_records_verifications(story: dict[str, User], api: Api) -> None:
    path = f"/people/{story['bishal'].pk}/verifications"
    body = {"kind": "criminal_record", "result": "clear"}
    # Anthony may not see Bishal's record: not found, as if he did not exist (the API's rule).
    assert api.post(path, body, as_=story["anthony"])[0] == 404
    # Bishal sees his own, so he is told why he may not add to it.
    assert api.post(path, body, as_=story["bishal"])[0] == 403
    assert api.post(path, body, as_=story["authority"])[0] == 201


def test_reading_criminal_record_and_health_results_is_audited(
    story: dict[str, User], api: Api
) -> None:
    bishal = story["bishal"]
    before = AuditEvent.objects.filter(action="sensitive.read").count()
    status, found = api.get(f"/people/{bishal.pk}/verifications", as_=story["authority"])
    assert status == 200 and {v["kind"] for v in found} >= {"criminal_record", "health"}
    read = AuditEvent.objects.filter(action="sensitive.read").order_by("id")
    assert read.count() == before + 1
    assert read.last().data == {"kinds": ["criminal_record", "health"]}  # what was read, not it
    assert api.get(f"/people/{bishal.pk}/verifications", as_=story["anthony"])[0] == 404


def test_a_migrant_states_his_profile_and_a_sponsor_his_household(
    story: dict[str, User], api: Api
) -> None:
    status, _ = api.put(
        "/me/profile",
        {
            "languages": [{"code": "en", "level": "C1"}],
            "home_annual_earnings": {"amount": 300000, "currency": "USD"},
        },
        as_=story["bishal"],
    )
    assert status == 200
    story["bishal"].migrant_profile.refresh_from_db()
    assert story["bishal"].migrant_profile.home_annual_earnings == 300000
    assert api.put("/me/profile", {"household_size": 0}, as_=story["anthony"])[0] == 422
    assert api.put("/me/profile", {"household_size": 3}, as_=story["officer"])[0] == 403


def test_a_birth_date_in_the_future_is_refused_at_sign_up(db: None, api: Api) -> None:
    status, body = api.post("/accounts", {**ANTHONY, "community": None, "birth_date": "2999-01-01"})
    assert (status, body["error"]["code"]) == (422, "BIRTH_DATE_IN_FUTURE")


def test_a_sponsor_cannot_choose_his_household_but_his_officer_records_it(
    story: dict[str, User], api: Api
) -> None:
    anthony = story["anthony"]
    api.put("/me/profile", {"household": "12 Elm Street"}, as_=story["carol"])  # not a field
    story["carol"].sponsor_profile.refresh_from_db()
    assert story["carol"].sponsor_profile.household == f"user-{story['carol'].pk}"
    path = f"/people/{anthony.pk}/household"
    assert api.put(path, {"household": "12 Elm Street"}, as_=anthony)[0] == 403
    assert api.put(path, {"household": "12 Elm Street"}, as_=story["carol"])[0] == 404
    status, body = api.put(path, {"household": "12 Elm Street"}, as_=story["officer"])
    assert (status, body["household"]) == (200, "12 Elm Street")

"""Staff (authority, officer, agency) log in with a second factor, django-allauth's TOTP or a
recovery code: the API's token asks for its `code`, the portal for the code after the password,
and the admin is behind the portal's login. The demo's staff are enrolled with
VIP_DEMO_TOTP_SECRET; staff without a second factor are sent to enrol one."""

from __future__ import annotations

import json
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.test import Client

from vip.audit.models import Action, AuditEvent
from vip.demo.people import DEMO_PASSWORD
from vip.people.models import Role, User
from vip.web import services as portal

from tests.cast import official, totp_code


def token(email: str, code: str | None = None) -> tuple[int, Any]:
    body = {"email": email, "password": DEMO_PASSWORD} | ({"code": code} if code else {})
    response = Client().post(
        "/api/v1/auth/token", json.dumps(body), content_type="application/json"
    )
    return response.status_code, json.loads(response.content)


def refusal(answer: tuple[int, Any]) -> tuple[int, str]:
    return answer[0], answer[1]["error"]["code"]


def test_the_api_asks_staff_for_the_code_of_their_second_factor(story: dict[str, User]) -> None:
    assert refusal(token("authority@vip.example")) == (422, "MFA_REQUIRED")
    assert refusal(token("authority@vip.example", "000000")) == (422, "MFA_CODE_INVALID")
    failed = AuditEvent.objects.get(action=Action.LOGIN_FAILED)  # the wrong code, once
    assert (failed.object_id, failed.data["via"]) == (str(story["authority"].pk), "api")

    assert token("authority@vip.example", totp_code())[0] == 200
    assert token("anthony@vip.example")[0] == 200  # a sponsor has no second factor to give


def test_a_code_is_accepted_once_and_a_recovery_code_too(story: dict[str, User]) -> None:
    code = totp_code()
    assert token("officer@vip.example", code)[0] == 200
    assert refusal(token("officer@vip.example", code)) == (422, "MFA_CODE_INVALID")
    recovery = Authenticator.objects.get(
        user=story["officer"], type=Authenticator.Type.RECOVERY_CODES
    )
    assert token("officer@vip.example", RecoveryCodes(recovery).get_unused_codes()[0])[0] == 200


def test_a_code_of_the_step_before_is_accepted_one_of_two_steps_before_is_not(
    story: dict[str, User],
) -> None:
    assert refusal(token("officer@vip.example", totp_code(-2))) == (422, "MFA_CODE_INVALID")
    assert token("officer@vip.example", totp_code(-1))[0] == 200  # typed as the step turned


def test_wrong_codes_count_against_the_limits(story: dict[str, User]) -> None:
    answers = [refusal(token("agency@vip.example", "123456")) for _ in range(6)]

    assert answers[0] == (422, "MFA_CODE_INVALID") and answers[-1] == (429, "TOO_MANY_ATTEMPTS")
    assert refusal(token("agency@vip.example", totp_code())) == (429, "TOO_MANY_ATTEMPTS")


def test_staff_without_a_second_factor_get_no_token_but_are_told_where_to_enrol(
    story: dict[str, User],
) -> None:
    olga = official(story["authority"], "Olga", Role.OFFICER, "springfield")
    portal.confirm_addresses(actor=story["authority"], users=User.objects.filter(pk=olga.pk))

    status, body = token(olga.email, totp_code())

    assert (status, body["error"]["code"]) == (422, "MFA_REQUIRED")
    assert body["error"]["details"] == {"enrol": "/accounts/2fa/"}


def test_the_portal_and_the_admin_ask_the_authority_for_her_code(story: dict[str, User]) -> None:
    client = Client()
    login = {"login": "authority@vip.example", "password": DEMO_PASSWORD}
    asked = client.post("/accounts/login/?next=/admin/", login)
    assert asked["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not in yet

    client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert AuditEvent.objects.get(action=Action.LOGIN_FAILED).data["via"] == "portal"

    done = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_logged_in_without_a_second_factor_are_sent_to_enrol_one(
    story: dict[str, User],
) -> None:
    olga = official(story["authority"], "Olga", Role.OFFICER, "springfield")
    portal.confirm_addresses(actor=story["authority"], users=User.objects.filter(pk=olga.pk))
    client = Client()
    client.post("/accounts/login/", {"login": olga.email, "password": DEMO_PASSWORD})

    assert client.get("/home/")["Location"] == "/accounts/2fa/totp/activate/"
    # allauth asks for the password again before a second factor is enrolled.
    again = client.get("/accounts/2fa/totp/activate/")["Location"]
    assert client.post(again, {"password": DEMO_PASSWORD}).status_code == 302
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]  # the one the page shows, as a QR code too

    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret=secret)})

    # Enrolled, she is sent on to her own workspace and it opens.
    assert client.get("/home/")["Location"] == "/community/"
    assert client.get("/community/").status_code == 200

"""Logging in, on every path (the API's token, the portal, the admin behind the portal's login):
django-allauth's adapter authenticates, and its rate limits (ACCOUNT_RATE_LIMITS["login_failed"],
counted in the shared cache) count failures per account and per client address. Failures,
lockouts and successes are security events in the audit log."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.utils import has_verified_email
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse

from vip.errors import Conflict, Forbidden, Invalid, TooManyAttempts
from vip.people import services
from vip.people.models import STAFF_ROLES, User

# The code of allauth's refusal once the limit is reached (vip.web.accounts.Adapter renames it).
TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS"


def retry_after() -> int:
    """Seconds until a locked account or address may try again, at the longest."""
    return int(settings.VIP_LOGIN_FAILURE_WINDOW_SECONDS)


def authenticate(request: HttpRequest, *, email: str, password: str, code: str = "") -> User:
    """The person with this e-mail and password, counted against the limits like the portal's
    login: BAD_CREDENTIALS (422) or, past the limits, TOO_MANY_ATTEMPTS (429); his address
    confirmed (EMAIL_NOT_CONFIRMED, 403). Staff also give the code of their second factor
    (check_second_factor)."""
    try:
        user = get_adapter(request).authenticate(request, email=email, password=password)
    except ValidationError as refused:
        if refused.code == TOO_MANY_ATTEMPTS:
            raise TooManyAttempts(retry_after()) from None
        raise
    if not isinstance(user, User) or not user.is_active:
        raise Invalid("BAD_CREDENTIALS", "e-mail or password is wrong")
    if not has_verified_email(user):  # as the portal asks, so an address is its owner's
        raise Forbidden(
            "EMAIL_NOT_CONFIRMED", "confirm the e-mail address first: the e-mail sent says how"
        )
    if user.role in STAFF_ROLES:
        check_second_factor(request, user, code)
    return user


def check_second_factor(request: HttpRequest, user: User, code: str) -> None:
    """A code of his authenticator app, or one of his recovery codes, checked by allauth's MFA
    form as the portal's login does: each code once, wrong ones counted against the limits."""
    if not is_mfa_enabled(user):
        raise Invalid(
            "MFA_REQUIRED",
            "staff log in with a second factor: enrol one in the portal first",
            {"enrol": reverse("mfa_index")},
        )
    if not code:
        raise Invalid("MFA_REQUIRED", "staff send the code of their authenticator app as `code`")
    form = AuthenticateForm(data={"code": code}, user=user)
    if form.is_valid():
        return
    if form.has_error("code", TOO_MANY_ATTEMPTS):
        raise TooManyAttempts(retry_after())
    raise Invalid("MFA_CODE_INVALID", "the code is wrong, or was used already")


CHECK_YOUR_EMAIL = "check your e-mail: it says how to go on"


def sign_up(request: HttpRequest, **account: Any) -> None:
    """Answers the same whether the e-mail has an account or not, in what it says and in the
    time it takes: a new account gets the e-mail that confirms its address; the owner of an
    existing one an e-mail that someone tried, with the way to reset his password."""
    try:
        user = services.create_account(**account)
    except Conflict as taken:
        if taken.code != "EMAIL_TAKEN":
            raise
        make_password(account["password"])  # the hashing a new account's password costs
        get_adapter(request).send_account_already_exists_mail(account["email"])
        return
    EmailAddress.objects.add_email(request, user, user.email, confirm=True, signup=True)


def path_of(request: HttpRequest) -> str:
    return "api" if request.path.startswith("/api/") else "portal"


def address_of(request: HttpRequest) -> str:
    """The client's address as allauth's limits count it ("" for a request without one: a
    test's force_login)."""
    try:
        return str(get_adapter(request).get_client_ip(request))
    except PermissionDenied:
        return ""


def failed(request: HttpRequest, credentials: dict[str, Any]) -> None:
    services.record_login_failure(
        email=str(credentials.get("email", "")), address=address_of(request), via=path_of(request)
    )


def locked_out(request: HttpRequest, credentials: dict[str, Any]) -> None:
    services.record_lockout(
        email=str(credentials.get("email", "")),
        address=address_of(request),
        via=path_of(request),
        window=retry_after(),
    )


def on_logged_in(
    sender: object, request: HttpRequest | None, user: AbstractBaseUser, **_: Any
) -> None:
    """Django's user_logged_in: the portal's (and so the admin's) logins, once complete."""
    if request is not None and isinstance(user, User):
        services.record_login(user=user, address=address_of(request), via=path_of(request))


def on_second_factor_failed(
    sender: object, request: HttpRequest, user: AbstractBaseUser, **_: Any
) -> None:
    """allauth's MFA authentication_failed: a wrong code, in the portal or the API's token."""
    if isinstance(user, User):
        failed(request, {"email": user.email})


def on_password_changed(
    sender: object, request: HttpRequest, user: AbstractBaseUser, **_: Any
) -> None:
    """allauth's password_changed, password_reset and password_set: every token ends."""
    if isinstance(user, User):
        services.revoke_tokens(user=user, reason="password_changed")

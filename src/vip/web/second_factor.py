"""Staff (authority, officer, agency) use a second factor: one logged in without it (made by
`vip createuser`, say) sees only the pages that enrol it (django-allauth's MFA: TOTP and
recovery codes). The admin is behind the portal's login, so behind this too."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from vip.people.models import STAFF_ROLES


def open_paths() -> tuple[str, ...]:
    """Where a staff member without a second factor may go: enrol one, log out, the assets."""
    return (
        reverse("mfa_index"),
        reverse("account_logout"),
        reverse("account_reauthenticate"),
        "/static/",
        "/i18n/",
        "/api/",  # tokens: the token endpoint asks staff for their code itself
    )


class StaffEnrolASecondFactor:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "role", None) in STAFF_ROLES
            and not request.path.startswith(open_paths())
            and not is_mfa_enabled(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

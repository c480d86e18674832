"""The landing page, and "home": each person's own start page by his role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vip.communities.models import Community
from vip.demo.people import loaded_logins
from vip.people.models import Role
from vip.visas.models import LIVE, Visa

# allauth's other limits (ACCOUNT_RATE_LIMITS: sign-up, resets, logins per address) count per
# minute, a few per three or five minutes.
RETRY_AFTER_SECONDS = 60


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """allauth's answer past any of its limits (vip.urls.handler429): 429 TOO_MANY_ATTEMPTS with
    Retry-After, in the portal's layout."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def landing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/landing.html",
        {
            "logins": loaded_logins(),
            "communities": Community.objects.select_related("jurisdiction").order_by("code")[:20],
            "live_visas": Visa.objects.filter(status__in=LIVE).count(),
        },
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where logging in lands: the sponsor's and the migrant's task lists, the workspaces of the
    officer, the agency and the authority."""
    role = getattr(request.user, "role", None)
    if role == Role.SPONSOR:
        return redirect("web:sponsor")
    if role == Role.MIGRANT:
        return redirect("web:migrant")
    if role == Role.OFFICER:
        return redirect("web:community")
    if role == Role.AGENCY:
        return redirect("web:agency")
    if role == Role.AUTHORITY:
        return redirect("web:authority")
    return render(request, "web/home.html")

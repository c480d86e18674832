"""An agency acting for a client: it picks a sponsor who delegated to it, then uses the sponsor's
own pages under a banner that names him. The choice lives in the session; every request checks
that the delegation is still live, so a revocation ends the acting at the agency's next request,
which says why. Drafts (a request's, an offer's, insurance) are dropped at each change of client,
so one client's answers never reach another's pages."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from vip.people.models import Role, User
from vip.people.selectors import acts_for

SESSION_KEY = "acting_for"
DRAFTS = ("request_draft", "offer_draft_", "insurance_draft_")
# Where a request goes on after the acting ended: the workspace itself, the accounts' pages (to
# log out), the assets and the API (which names the sponsor in each call, not in a session).
STAY = ("/agency/", "/accounts/", "/static/", "/i18n/", "/api/")


def client(request: HttpRequest) -> User | None:
    """The sponsor the agency acts for on this request, if any (set by the middleware)."""
    found: User | None = getattr(request, "acting_for", None)
    return found


def start(request: HttpRequest, sponsor: User) -> None:
    drop_drafts(request)
    request.session[SESSION_KEY] = sponsor.pk


def stop(request: HttpRequest) -> None:
    drop_drafts(request)
    request.session.pop(SESSION_KEY, None)


def drop_drafts(request: HttpRequest) -> None:
    stored = list(request.session.keys())  # a session is no dict: it has no iterator of its own
    for key in [k for k in stored if k.startswith(DRAFTS)]:
        del request.session[key]


def live_client(user: User, sponsor_id: int) -> User | None:
    """The sponsor named in the session while he still delegates to this agency."""
    sponsor = User.objects.filter(pk=sponsor_id, role=Role.SPONSOR).first()
    if sponsor is None or not acts_for(user, sponsor):
        return None
    return sponsor


class ActingForAClient:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.acting_for = None  # type: ignore[attr-defined]
        named = request.session.get(SESSION_KEY)
        user = request.user
        if named is not None and isinstance(user, User) and user.role != Role.AGENCY:
            stop(request)  # only an agency acts for anyone
        elif named is not None and isinstance(user, User):
            sponsor = live_client(user, named)
            if sponsor is None:
                return self.ended(request, named)
            request.acting_for = sponsor  # type: ignore[attr-defined]
        return self.get_response(request)

    def ended(self, request: HttpRequest, named: int) -> HttpResponse:
        stop(request)
        sponsor = User.objects.filter(pk=named).first()
        messages.warning(
            request,
            _("%(name)s no longer delegates to you: you have stopped acting for them.")
            % {"name": sponsor.full_name if sponsor else "—"},
        )
        if request.path.startswith(STAY):
            return self.get_response(request)
        return redirect("web:agency")


def acting(request: HttpRequest) -> dict[str, User | None]:
    """The banner's context: whom the agency acts for (base.html shows it on every page)."""
    return {"acting_for": client(request)}

"""Who opens a page: a visitor is sent to the login page, another person gets a 404 (as the API
answers, no hint that the thing exists). An agency acting for a client (web/acting.py) opens the
sponsor's pages that say so (`for_client`); any other page of a sponsor tells it that only the
sponsor himself uses it (his messages, his documents): a page added later is his alone until
someone decides an agency may use it for him."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from vip.errors import NotFound
from vip.people.models import Role, User
from vip.web.acting import client

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]


def for_role(*roles: str, for_client: bool = False) -> Callable[[View[P]], View[P]]:
    """The page belongs to people of one role (a sponsor's pages, a migrant's), or of several
    (the conversations between them). A sponsor's page `for_client` is also his agency's while it
    acts for him; on his other pages the acting agency is told that only he may use them."""

    def decorate(view: View[P]) -> View[P]:
        @wraps(view)
        def checked(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if person(request).role not in roles:
                sponsor = client(request)
                if sponsor is None or Role.SPONSOR not in roles:
                    raise Http404
                if not for_client:
                    context = {"sponsor": sponsor}
                    return render(request, "web/agency/himself.html", context, status=403)
            try:
                return view(request, *args, **kwargs)
            except NotFound as error:  # a selector's "not yours" is a 404 page, never a 500
                raise Http404(error.code) from error

        return cast("View[P]", login_required(checked))

    return decorate


def person(request: HttpRequest) -> User:
    """Who is logged in: the one who acts, whom the services are told about."""
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


def principal(request: HttpRequest) -> User:
    """Whose pages these are: the person himself, or the client his agency acts for (the
    sponsor the services are told the agency acts on behalf of)."""
    return client(request) or person(request)

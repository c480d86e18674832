"""Who opens a page: a visitor is sent to the login page, another person gets a 404 (as the API
answers, no hint that the thing exists)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from vip.errors import NotFound
from vip.people.models import User

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]


def for_role(*roles: str) -> Callable[[View[P]], View[P]]:
    """The page belongs to people of one role (a sponsor's pages, a migrant's), or of several
    (the conversations between them)."""

    def decorate(view: View[P]) -> View[P]:
        @wraps(view)
        def checked(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if person(request).role not in roles:
                raise Http404
            try:
                return view(request, *args, **kwargs)
            except NotFound as error:  # a selector's "not yours" is a 404 page, never a 500
                raise Http404(error.code) from error

        return cast("View[P]", login_required(checked))

    return decorate


def person(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user

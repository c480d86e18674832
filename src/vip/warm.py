"""A server made ready before it takes its first request (issue 13's cold start): what Django and
the platform would load on the first request is loaded now, so that no person waits for it.

- The ranking (vip.matching.warm): the kernels loaded from numba's cache (compiled into it on the
  very first start) and the live indexes built.
- The URLconf: importing it builds the API's schemas (about 600 pydantic models, 0.7-1.1 s here).
  Django imports it on the first request, and `runserver` called from code skips the checks that
  would have imported it sooner.
- One request through the whole stack, in this process (`GET /api/v1/me` with no token: a 401,
  no read, nothing written): the resolver's regular expressions, the middleware's and the API's
  first-call work (about 60 ms on the first request otherwise).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from wsgiref.util import setup_testing_defaults

WARM_PATH = "/api/v1/me"


def warm_server() -> None:
    from django.urls import get_resolver

    from vip.matching.warm import warm_up

    warm_up()
    get_resolver().url_patterns  # noqa: B018  # the import is the point
    _serve_one(WARM_PATH)


def _host() -> str:
    """A name the server answers to (a 400 would stop the request before the API)."""
    from django.conf import settings

    allowed = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h.lstrip(".") not in ("", "*")]
    return allowed[0] if allowed else "localhost"


def _serve_one(path: str) -> int:
    """Django's WSGI handler answers one GET; returns its status. Django would log the 401 as a
    warning: its request log is quiet meanwhile, as no person asked."""
    from django.core.handlers.wsgi import WSGIHandler

    environ: dict[str, Any] = dict(PATH_INFO=path, HTTP_HOST=_host())  # no literal keys: not codes
    setup_testing_defaults(environ)  # a GET, from and to loopback
    statuses: list[str] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: object = None
    ) -> Callable[[bytes], object]:
        statuses.append(status)
        return len  # the body is not wanted

    log = logging.getLogger("django.request")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        answer = WSGIHandler()(environ, start_response)
        answer.close()
    finally:
        log.setLevel(level)
    return int(statuses[0].split()[0])

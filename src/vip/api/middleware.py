"""What is answered under /api/v1/ before the API's handlers, in the API's error shape: a wrong
method (the router's 405) and a query parameter no operation declares."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve


class ApiMethodNotAllowed:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/v1/"):
            return response
        allowed = response.get("Allow", "")
        body = {
            "error": {
                "code": "METHOD_NOT_ALLOWED",
                "message": f"{request.method} is not allowed here",
                "details": {"allowed": [m.strip() for m in allowed.split(",") if m]},
            }
        }
        shaped = HttpResponse(json.dumps(body), status=405, content_type="application/json")
        shaped["Allow"] = allowed
        return shaped


class UnknownQueryParameters:
    """A query parameter the operation does not declare is refused with 422
    `QUERY_PARAMETER_UNKNOWN`, as an unknown body value is: parsing is strict, and the OpenAPI
    document is the whole contract (schemathesis sends made-up parameters to check it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.GET and request.path.startswith("/api/v1/"):
            declared = _declared(request)
            unknown = sorted(set(request.GET) - declared) if declared is not None else []
            if unknown:
                body = {
                    "error": {
                        "code": "QUERY_PARAMETER_UNKNOWN",
                        "message": f"not a parameter of this operation: {', '.join(unknown)}",
                        "details": {"unknown": unknown, "declared": sorted(declared or ())},
                    }
                }
                return HttpResponse(json.dumps(body), status=422, content_type="application/json")
        return self.get_response(request)


def _declared(request: HttpRequest) -> frozenset[str] | None:
    """The query parameters the document gives this path and method; None: no such operation
    (the API's 404 or 405 answers it)."""
    try:
        route = resolve(request.path_info).route
    except Resolver404:
        return None
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    return _query_parameters().get((path, (request.method or "GET").lower()))


@cache
def _query_parameters() -> dict[tuple[str, str], frozenset[str]]:
    from vip.api.app import api

    paths = api.get_openapi_schema()["paths"]
    return {
        (path, method): frozenset(
            p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
        )
        for path, methods in paths.items()
        for method, operation in methods.items()
    }

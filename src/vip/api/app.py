"""API v1: token auth, one error shape, the routers."""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer

from vip.errors import DomainError, RateLimited
from vip.people.models import ApiToken, User
from vip.people.services import token_for


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def has_nul(value: Any) -> bool:
    """Whether a NUL character hides in the value: no text column (PostgreSQL's) can hold one."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_nul(item) for item in value)
    return False


def number(text: str) -> int | float:
    """JSON has one kind of number: `9504.0` is the integer 9504 (JSON Schema says so too), so a
    field that takes an integer takes it; `9504.5` stays a number that is no integer."""
    value = float(text)
    return int(value) if value.is_integer() else value


class JsonObjectParser(Parser):
    """Every request body of API v1 is a JSON object: anything else is a 400, not an empty
    object (ninja's schemas would read `[]` or `42` as one with every field left unset).
    Text with a NUL character, in a body or a query, is a 400 too, not a database error."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body, parse_constant=refuse_constant, parse_float=number)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        if has_nul(data):
            raise ValueError("text may not contain NUL characters")
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, str], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        if has_nul(list(data.lists())):
            raise HttpError(400, "the query may not contain NUL characters")
        return super().parse_querydict(data, list_fields, request)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = token_for(token)
        if found is None:
            return None
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


api = NinjaAPI(
    title="VIP platform API",
    version="1",
    urls_namespace="api-v1",
    auth=BearerToken(),
    parser=JsonObjectParser(),
    description="Visas between Individuals Program. Errors are "
    '`{"error": {"code", "message", "details"}}` with a 4xx status.',
)


def error(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
) -> HttpResponse:
    return api.create_response(
        request,
        {"error": {"code": code, "message": message, "details": details or {}}},
        status=status,
    )


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    response = error(request, exc.status, exc.code, exc.message, exc.details)
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


CODED = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


def location(loc: list[Any]) -> list[str]:
    """Ninja names the body twice (`body`, then the handler's parameter): the client sent one."""
    parts = [str(part) for part in loc]
    return parts[:1] + parts[2:] if parts[:1] == ["body"] else parts


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A value a schema refuses with a documented code (schemas.coded) answers with that code,
    the same one the service gives; anything else is INVALID_INPUT."""
    errors = [{"loc": location(e.get("loc", [])), "msg": str(e.get("msg", ""))} for e in exc.errors]
    coded = [
        (e["type"], str(e.get("msg", ""))) for e in exc.errors if CODED.match(e.get("type", ""))
    ]
    code, message = coded[0] if coded else ("INVALID_INPUT", "the request is not valid")
    return error(request, 422, code, message, {**coded_details(exc.errors, code), "errors": errors})


def coded_details(errors: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The details the service gives with the code (schemas.coded), from every value refused with
    it: two unknown sectors are listed together, as the service lists them."""
    details: dict[str, Any] = {}
    for e in errors:
        if e.get("type") != code:
            continue
        for key, value in (e.get("ctx") or {}).get("details", {}).items():
            if isinstance(value, list):
                details[key] = sorted({*details.get(key, []), *value}, key=str)
            else:
                details.setdefault(key, value)
    return details


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error(request, 401, "UNAUTHENTICATED", "a valid bearer token is required")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error(request, exc.status_code, "BAD_REQUEST", str(exc))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return error(request, 413, "BODY_TOO_LARGE", "the body is too large", {"max_bytes": limit})


@api.exception_handler(PermissionDenied)
def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """Refused by a layer under the service (allauth's login limits when the request has no
    client address to count by): the API's JSON, never Django's HTML 403 page."""
    return error(request, 403, "FORBIDDEN", str(exc) or "the request is refused")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "NOT_FOUND", "no such resource")


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other path under /api/v1/: the API's own 404, not the site's HTML page (nor, for a
    POST, Django's CSRF page: the API authenticates by token, there is no form to protect)."""
    return error(request, 404, "NOT_FOUND", "no such resource")


def caller(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def presented_token(request: HttpRequest) -> ApiToken:
    """The token the call was authenticated with."""
    token = request.api_token  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token


def register_routers() -> None:
    from vip.api import accounts, agreements, auctions, communities, ledger, matching, visas

    for module in (accounts, communities, matching, agreements, visas, ledger, auctions):
        api.add_router("/", module.router)


register_routers()

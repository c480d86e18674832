"""Without a valid bearer token every endpoint but the public ones answers 401, error-shaped."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.matrix import MATRIX, fill, openapi, operations

# Public on purpose: signing up, logging in, the program's published rules and communities, and
# the results of its auctions.
PUBLIC = {
    ("POST", "/accounts"),
    ("POST", "/auth/token"),
    ("GET", "/jurisdictions"),
    ("GET", "/jurisdictions/{code}/parameters"),
    ("GET", "/jurisdictions/{code}/sectors"),
    ("GET", "/communities"),
    ("GET", "/communities/{code}"),
    ("GET", "/communities/{code}/rules"),
    ("GET", "/auctions/{code}/results"),  # an auction's figures: nothing personal in them
    ("GET", "/auctions/{code}/inputs"),  # its bids under pseudonymous references, once cleared
}


def secured(method: str, path: str) -> bool:
    operation = openapi()["paths"]["/api/v1" + path][method.lower()]
    return bool(operation.get("security"))


def test_only_the_listed_endpoints_are_public() -> None:
    assert {op for op in operations() if not secured(*op)} == PUBLIC


def a_path(method: str, path: str) -> str:
    row = MATRIX.get((method, path))
    return fill(path, row.missing) if row else path


@pytest.mark.parametrize(("method", "path"), sorted(set(operations()) - PUBLIC))
@pytest.mark.parametrize(
    "authorization", [None, "Bearer not-a-token", "Basic YTpi", "Bearer ", "Bearer", "bearer  x y"]
)
def test_a_call_without_a_valid_token_gets_401(
    db: None, method: str, path: str, authorization: str | None
) -> None:
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = Client().generic(
        method,
        "/api/v1" + a_path(method, path),
        data="" if method == "GET" else "{}",
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "UNAUTHENTICATED",
            "message": "a valid bearer token is required",
            "details": {},
        }
    }

"""A path or method API v1 does not have gets a 4xx in the API's error shape, not an HTML page."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nowhere",
        "/api/v1/communities/%2F",
        "/api/v1/visas/1/2/3",
        "/api/v1/%00",
        "/api/v1/communities/%3D%0A/rules",  # a newline (found by schemathesis)
    ],
)
def test_an_unknown_api_path_gets_the_api_404(db: None, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "NOT_FOUND", "message": "no such resource", "details": {}}
    }


@pytest.mark.parametrize(
    ("method", "path"), [("DELETE", "/api/v1/visas/1"), ("PATCH", "/api/v1/me")]
)
def test_a_method_the_api_lacks_gets_a_405_naming_the_allowed_ones(
    db: None, method: str, path: str
) -> None:
    response = Client().generic(method, path)
    assert response.status_code == 405
    assert method not in response["Allow"] and "GET" in response["Allow"]
    error = response.json()["error"]
    assert error["code"] == "METHOD_NOT_ALLOWED" and "GET" in error["details"]["allowed"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/requests/", "/api/v1/nowhere"])
def test_a_write_to_an_unknown_api_path_gets_the_api_404_not_the_csrf_page(
    db: None, method: str, path: str
) -> None:
    response = getattr(Client(enforce_csrf_checks=True), method)(
        path, data="{}", content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"

"""A NUL character in a body, a query or a path is refused with a 4xx on every database
(PostgreSQL's text columns cannot hold one: it used to be a 500 there)."""

from __future__ import annotations

import pytest

from vip.people.models import User

from tests.cast import Api


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/auth/token", {"email": "\x00", "password": "x"}),
        ("put", "/me/profile", {"interests": ["nul\x00inside"]}),
        ("put", "/me/profile", {"preferences": {"\x00": "key"}}),
        ("post", "/requests", {"sectors": [{"code": "construction", "min_years": 1}], "x": "\x00"}),
    ],
)
def test_a_nul_in_a_body_gets_a_400(
    story: dict[str, User], api: Api, method: str, path: str, body: object
) -> None:
    status, payload = api.call(method, path, story["bishal"], body)
    assert (status, payload["error"]["code"]) == (400, "BAD_REQUEST")


def test_a_nul_in_a_query_gets_a_400(story: dict[str, User], api: Api) -> None:
    status, payload = api.get("/communities?jurisdiction=%00")
    assert (status, payload["error"]["code"]) == (400, "BAD_REQUEST")


@pytest.mark.parametrize(
    "path", ["/communities/%00", "/communities/a%00b/rules", "/jurisdictions/%00/parameters"]
)
def test_a_nul_in_a_path_is_no_such_resource(story: dict[str, User], api: Api, path: str) -> None:
    status, payload = api.call("put" if path.endswith("rules") else "get", path, story["officer"])
    assert (status, payload["error"]["code"]) == (404, "NOT_FOUND")

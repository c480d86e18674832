"""A query parameter the operation does not declare is refused, naming it (found by schemathesis:
GET /agencies?nmae=... answered every agency as if nothing was asked)."""

from __future__ import annotations

from vip.people.models import User

from tests.cast import Api


def test_a_misspelt_parameter_is_named(story: dict[str, User]) -> None:
    status, body = Api().get("/agencies?nmae=vip", as_=story["anthony"])
    assert status == 422
    error = body["error"]
    assert error["code"] == "QUERY_PARAMETER_UNKNOWN"
    assert error["details"] == {"unknown": ["nmae"], "declared": ["name"]}


def test_a_declared_parameter_is_taken(story: dict[str, User]) -> None:
    assert Api().get("/agencies?name=vip", as_=story["anthony"])[0] == 200


def test_a_path_with_an_id_finds_its_parameters(story: dict[str, User]) -> None:
    assert Api().get("/me/requests?limit=5&cursor=0", as_=story["anthony"])[0] == 200
    assert Api().get("/requests/1/candidates?limt=5", as_=story["anthony"])[0] == 422

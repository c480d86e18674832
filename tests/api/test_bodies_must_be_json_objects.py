"""A request body that is not a JSON object is refused with a 400, never read as an empty one."""

from __future__ import annotations

import pytest

from vip.people.models import User

from tests.cast import Api


@pytest.mark.parametrize("raw", ["[]", "null", "42", '"text"', "NaN", '{"age": Infinity}', "{"])
def test_a_body_that_is_not_a_json_object_gets_a_400(
    story: dict[str, User], api: Api, raw: str
) -> None:
    status, payload = api.call("post", "/requests", story["anthony"], raw=raw)
    assert status == 400
    assert payload["error"]["code"] == "BAD_REQUEST"
    assert set(payload["error"]) == {"code", "message", "details"}


def test_an_empty_object_still_states_a_request_with_every_default(
    story: dict[str, User], api: Api
) -> None:
    assert api.call("post", "/requests", story["anthony"], raw="{}")[0] == 201

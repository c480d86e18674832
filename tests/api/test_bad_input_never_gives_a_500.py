"""Bad input of every kind gets a 4xx in the error shape, never a 500: every operation of
/api/v1/openapi.json, a good call first, then malformed JSON, each field spoiled in turn, odd
paths and queries, and bodies drawn by hypothesis from the schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client, TestCase, override_settings
from hypothesis import HealthCheck, given, settings

from tests.api.matrix import MATRIX, operations
from tests.api.schema_fuzz import (
    BODIES,
    CALLERS,
    CODE_PATHS,
    ID_PATHS,
    MALFORMED,
    accepts,
    body_schema,
    from_schema,
    is_error_shaped,
    query_parameters,
    send,
    valid_body,
    valid_path,
)
from tests.api.world import FAST_HASHERS, World, build_world
from tests.cast import Api

# Per operation; 29 operations, so about 1,200 drawn bodies in all.
EXAMPLES = 40
QUERY_VALUES = ["", "0", "-1", "abc", "1.5", "201", "99999999999999999999", "2026-02-30", "%00"]
QUERY_REFUSED = {"integer": {"0", "-1", "abc", "1.5", "201", "99999999999999999999", "2026-02-30"}}

# Django TestCase classes use no `db` fixture: mark them for the PostgreSQL pass by hand.
pytestmark = pytest.mark.database


def test_every_operation_has_a_caller_and_a_good_body() -> None:
    for method, path in operations():
        assert (method, path) in MATRIX or (method, path) in CALLERS, (method, path)
        needs_body = body_schema(method, path) is not None
        has_body = (method, path) in BODIES or bool(
            (method, path) in MATRIX and MATRIX[method, path].body
        )
        assert needs_body <= has_body, (method, path)


@override_settings(PASSWORD_HASHERS=FAST_HASHERS)  # setUpTestData runs before any fixture
class BadInputNeverGivesA500(TestCase):
    world: World

    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()

    def setUp(self) -> None:
        self.api = Api()
        self.api.client = Client(raise_request_exception=False)
        self.failures: list[str] = []

    def expect(self, label: str, status: int, payload: Any, refused: bool = False) -> None:
        """Never a 500; every 4xx in the error shape; a refused input a 4xx, not a 2xx."""
        wrong = (
            status >= 500
            or (400 <= status < 500 and not is_error_shaped(payload))
            or (refused and not 400 <= status < 500)
        )
        if wrong:
            self.failures.append(f"{label}: {status} {str(payload)[:300]}")

    def done(self) -> None:
        assert not self.failures, "\n" + "\n".join(self.failures)


def slug(method: str, path: str) -> str:
    return re.sub(r"[^a-z]+", "_", f"{method} {path}".lower()).strip("_")


def good_call(method: str, path: str) -> Callable[[BadInputNeverGivesA500], None]:
    def test(self: BadInputNeverGivesA500) -> None:
        w = self.world
        where, body = valid_path(w, method, path), valid_body(w, method, path)
        status, payload = send(self.api, w, method, path, where, body=body)
        assert 200 <= status < 300, (status, payload)

    return test


def malformed_json(method: str, path: str) -> Callable[[BadInputNeverGivesA500], None]:
    def test(self: BadInputNeverGivesA500) -> None:
        where = valid_path(self.world, method, path)
        for raw in MALFORMED:
            status, payload = send(self.api, self.world, method, path, where, raw=raw)
            self.expect(f"{method} {where} {raw!r}", status, payload, refused=True)
        self.done()

    return test


def spoiled_fields(method: str, path: str) -> Callable[[BadInputNeverGivesA500], None]:
    from tests.api.schema_fuzz import spoiled_bodies

    def test(self: BadInputNeverGivesA500) -> None:
        w = self.world
        schema, where = body_schema(method, path), valid_path(w, method, path)
        for case in spoiled_bodies(schema, valid_body(w, method, path)):
            status, payload = send(self.api, w, method, path, where, body=case.body)
            refused = not accepts(schema, case.body)
            self.expect(f"{method} {where} {case.label}", status, payload, refused)
        self.done()

    return test


def odd_paths_and_queries(method: str, path: str) -> Callable[[BadInputNeverGivesA500], None]:
    def test(self: BadInputNeverGivesA500) -> None:
        w = self.world
        body = valid_body(w, method, path)
        row = MATRIX.get((method, path))
        if row:
            odd = CODE_PATHS if isinstance(row.target(w), str) else ID_PATHS
            for value in [*odd, str(row.missing)]:
                where = re.sub(r"\{[^}]+\}", value, path)
                status, payload = send(self.api, w, method, path, where, body=body)
                self.expect(f"{method} {where}", status, payload, refused=True)
        for parameter in query_parameters(method, path):
            kind = parameter["schema"].get("type", "string")
            for value in QUERY_VALUES:
                where = f"{valid_path(w, method, path)}?{parameter['name']}={value}"
                status, payload = send(self.api, w, method, path, where, body=body)
                refused = value in QUERY_REFUSED.get(kind, set())
                self.expect(f"{method} {where}", status, payload, refused)
        self.done()

    return test


def drawn_bodies(method: str, path: str) -> Callable[[BadInputNeverGivesA500], None]:
    def test(self: BadInputNeverGivesA500) -> None:
        w = self.world
        schema, where = body_schema(method, path), valid_path(w, method, path)

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(body=from_schema(schema))
        def draw(body: Any) -> None:
            status, payload = send(self.api, w, method, path, where, body=body)
            self.expect(f"{method} {where} {body!r:.200}", status, payload)

        draw()
        self.done()

    return test


def generate() -> None:
    for method, path in operations():
        name = slug(method, path)
        tests = {
            f"test_a_good_call_to_{name}_succeeds": good_call(method, path),
            f"test_odd_paths_and_queries_to_{name}_get_a_4xx": odd_paths_and_queries(method, path),
        }
        if body_schema(method, path) is not None:
            tests[f"test_malformed_json_to_{name}_gets_a_4xx"] = malformed_json(method, path)
            tests[f"test_spoiled_fields_to_{name}_get_a_4xx_never_a_500"] = spoiled_fields(
                method, path
            )
            tests[f"test_drawn_bodies_to_{name}_never_get_a_500"] = drawn_bodies(method, path)
        for test_name, test in tests.items():
            test.__name__ = test_name
            setattr(BadInputNeverGivesA500, test_name, test)


generate()

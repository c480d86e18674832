"""Every object endpoint, for every role: 2xx to those who may, 404 to those who may not see.

The matrix is generated: one test per (endpoint, role), over one world built once per class
(each test rolls back). A new object endpoint fails `test_every_object_endpoint_is_in_the_matrix`
until its row says who may see the object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import TestCase, override_settings

from tests.api.matrix import MATRIX, Cell, cells, fill, object_operations
from tests.api.world import FAST_HASHERS, ROLES, World, build_world
from tests.cast import Api

# Django TestCase classes use no `db` fixture: mark them for the PostgreSQL pass by hand.
pytestmark = pytest.mark.database


def test_every_object_endpoint_is_in_the_matrix() -> None:
    assert sorted(MATRIX) == object_operations()


def test_every_row_names_only_roles_of_the_world() -> None:
    for row in MATRIX.values():
        assert set(row.allowed) | set(row.forbidden) <= set(ROLES)
        assert not set(row.allowed) & set(row.forbidden)


def names_of(world: World) -> list[str]:
    return [p.full_name for p in world.people.values()] + [p.email for p in world.people.values()]


def check(case: EveryRoleSeesOnlyWhatItMay, cell: Cell) -> None:
    world, row = case.world, cell.row
    caller = world.people[cell.role]
    body = row.body(world) if row.body else None
    api = Api()

    def call(target: object) -> tuple[int, Any]:
        return api.call(cell.method.lower(), fill(cell.path, target), caller, body)

    status, payload = call(row.target(world))
    expected = row.expected(cell.role)
    assert status == expected, (cell.method, cell.path, cell.role, status, payload)
    if expected < 300:
        return
    assert set(payload) == {"error"} and set(payload["error"]) == {"code", "message", "details"}
    if expected == 404:
        # Not found and not allowed to see are one answer: nothing tells them apart.
        assert call(row.missing) == (status, payload)
        text = str(payload)
        assert not [name for name in names_of(world) if name in text], payload


@override_settings(PASSWORD_HASHERS=FAST_HASHERS)  # setUpTestData runs before any fixture
class EveryRoleSeesOnlyWhatItMay(TestCase):
    world: World

    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()


def make_test(cell: Cell) -> Callable[[EveryRoleSeesOnlyWhatItMay], None]:
    def test(self: EveryRoleSeesOnlyWhatItMay) -> None:
        check(self, cell)

    test.__name__ = cell.name
    return test


for _cell in cells():
    setattr(EveryRoleSeesOnlyWhatItMay, _cell.name, make_test(_cell))

"""Every service, called directly (as the CLI, a page, a job or a future endpoint would), refuses
every role that may not use it, with the reason code and status the API answers.

The matrix is generated from tests/service_matrix.py: one test per (service, role refused), over
one world built once (each test rolls back). A new service fails
`test_every_service_is_in_the_matrix` until its row says who may call it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import TestCase, override_settings

from vip.errors import DomainError

from tests.api.world import FAST_HASHERS, ROLES, World, build_world
from tests.service_matrix import MATRIX, UNCHECKED, Cell, cells, public_functions

pytestmark = pytest.mark.database


def test_every_service_is_in_the_matrix() -> None:
    assert sorted(public_functions() - set(UNCHECKED)) == sorted(MATRIX)
    assert not set(UNCHECKED) - public_functions()


def test_every_row_names_only_roles_of_the_world() -> None:
    for row in MATRIX.values():
        assert row.allowed | row.sees | set(row.own) <= set(ROLES)
        assert row.allowed != set(ROLES)


@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
class EveryServiceRefusesWhoMayNot(TestCase):
    world: World

    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()


def make_test(cell: Cell) -> Callable[[EveryServiceRefusesWhoMayNot], None]:
    def test(self: EveryServiceRefusesWhoMayNot) -> None:
        world = self.world
        with pytest.raises(DomainError) as refused:
            cell.row.call(world, world.people[cell.role])
        assert (refused.value.status, refused.value.code) == cell.refusal, refused.value.message

    test.__name__ = cell.test_name
    return test


for _cell in cells():
    setattr(EveryServiceRefusesWhoMayNot, _cell.test_name, make_test(_cell))

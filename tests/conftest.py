from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# No wall-clock assertions: hypothesis's per-example deadline fails tests on a loaded machine
# (two xdist workers on two cores), so it is off for every test.
hypothesis_settings.register_profile("vip", deadline=None)
hypothesis_settings.load_profile("vip")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Tests hash passwords fast; production keeps PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def story(db: None) -> dict[str, object]:
    """The seeds' people: Anthony, Carol (sponsors), Bishal (migrant) and the officials."""
    from vip.demo.people import load_story

    return load_story()  # type: ignore[return-value]


@pytest.fixture
def api() -> object:
    from tests.cast import Api

    return Api()


@pytest.fixture
def flushable_db(transactional_db: None) -> Iterator[None]:
    """A database whose commits are real (for threads and a live server). Its append-only
    guards are lifted only for the flush that ends the test, and put back before the next."""
    from django.db import connection

    from vip.audit import guards

    guards.install(connection)
    yield
    guards.remove_append_only(connection)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the database, so the PostgreSQL pass runs exactly those."""
    for item in items:
        if {"db", "transactional_db"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)

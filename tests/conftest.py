from __future__ import annotations

import importlib
import os
from collections.abc import Iterator

import pytest

# Tests hash passwords fast; production keeps PBKDF2.
os.environ.setdefault("VIP_FAST_HASHER", "1")


@pytest.fixture
def story(db: None) -> dict[str, object]:
    """The seeds' people: Anthony, Carol (sponsors), Bishal (migrant) and the officials."""
    from vip.demo.people import load_story

    return load_story()  # type: ignore[return-value]


@pytest.fixture
def api() -> object:
    from tests.cast import Api

    return Api()


APPEND_ONLY_MIGRATIONS = [
    "vip.audit.migrations.0003_append_only",
    "vip.ledger.migrations.0003_zero_sum",
]


@pytest.fixture(autouse=True)
def _append_only_tables_flushable_after_transactional_test(
    request: pytest.FixtureRequest,
) -> Iterator[None]:
    """A transactional test ends with Django's flush, which empties every table: a TRUNCATE that
    the audit log's trigger refuses on PostgreSQL, a DELETE that the audit and ledger triggers
    refuse on SQLite (as they should in production). Only for that flush, the harness steps
    around those triggers, and puts them back as soon as the flush is done."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection
    from django.db.models.signals import post_migrate

    if connection.vendor == "postgresql":
        lift = ["ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_truncate"]
        restore = ["ALTER TABLE audit_auditevent ENABLE TRIGGER audit_no_truncate"]
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name IN ('audit_auditevent', 'ledger_leg')"
            )
            lift = [f"DROP TRIGGER {name}" for (name,) in cursor.fetchall()]
        restore = [
            statement
            for module in APPEND_ONLY_MIGRATIONS
            for statement in importlib.import_module(module).SQLITE
        ]
    with connection.cursor() as cursor:
        for statement in lift:
            cursor.execute(statement)

    def put_back(**kwargs: object) -> None:
        post_migrate.disconnect(dispatch_uid="vip-restore-append-only-triggers")
        with connection.cursor() as cursor:
            for statement in restore:
                cursor.execute(statement)

    # The flush emits post_migrate once it has emptied the tables.
    post_migrate.connect(put_back, weak=False, dispatch_uid="vip-restore-append-only-triggers")


def _fast_commits(sender: object, connection: object, **kwargs: object) -> None:
    """Test databases are thrown away: PostgreSQL need not wait for the disk at each commit
    (locks, constraints and triggers behave exactly the same)."""
    if getattr(connection, "vendor", None) == "postgresql":
        with connection.cursor() as cursor:  # type: ignore[attr-defined]
            cursor.execute("SET synchronous_commit TO off")


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings
    from django.contrib.auth import hashers
    from django.db.backends.signals import connection_created

    # pytest-django has read the settings before this module set VIP_FAST_HASHER: apply it here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()  # type: ignore[attr-defined]
    hashers.get_hashers_by_algorithm.cache_clear()  # type: ignore[attr-defined]
    connection_created.connect(_fast_commits, dispatch_uid="vip-test-fast-commits")

from __future__ import annotations

import os

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


@pytest.fixture(autouse=True)
def _audit_log_flushable_after_transactional_test(request: pytest.FixtureRequest) -> object:
    """A transactional test ends with Django's flush, a TRUNCATE that the audit log's trigger
    refuses on PostgreSQL (as it should in production). Only for that flush, the test harness
    steps around the trigger, and puts it back as soon as the flush is done."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection
    from django.db.models.signals import post_migrate

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_truncate")

    def restore(**kwargs: object) -> None:
        post_migrate.disconnect(dispatch_uid="vip-restore-truncate-trigger")
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_no_truncate")

    # The flush emits post_migrate once it has emptied the tables.
    post_migrate.connect(restore, weak=False, dispatch_uid="vip-restore-truncate-trigger")


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

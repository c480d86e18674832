from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import django
import pytest
from hypothesis import settings as hypothesis_settings
from pytest_django import DjangoDbBlocker

# No wall-clock assertions: hypothesis's per-example deadline fails tests on a loaded machine
# (two xdist workers on two cores), so it is off for every test.
hypothesis_settings.register_profile("vip", deadline=None)
hypothesis_settings.load_profile("vip")

# Tests run as production does, VIP_DEBUG off, so they need a secret key: a new one per run,
# set before the settings are read (which is why pyproject.toml does not name the settings
# module: pytest-django would read them before this file). Subprocesses inherit both.
os.environ.setdefault("VIP_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vip.settings")
# Notices' e-mails are sent at once, in the test's own process (no worker to run).
os.environ.setdefault("VIP_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# Verification documents are kept in memory: no test writes into var/.
os.environ.setdefault("VIP_DOCUMENTS_STORAGE", "django.core.files.storage.InMemoryStorage")
django.setup()  # as pytest-django would have, before any other conftest imports a model


@pytest.fixture
def story(db: None) -> dict[str, object]:
    """The seeds' people: Anthony, Carol (sponsors), Bishal (migrant) and the officials."""
    from vip.demo.people import load_story

    return load_story()  # type: ignore[return-value]


@pytest.fixture
def api() -> object:
    from tests.cast import Api

    return Api()


def uses_transactions(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return "transactional_db" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )


# On PostgreSQL the tests connect as production's application does (docs/deploy.md): as a role that
# owns no table, so cannot disable, drop or replace a trigger. The URL given (VIP_DATABASE_URL) is
# the owner's: as the owner each test database is created and migrated, APP_ROLE is created if
# absent and granted its rows by guards.grant_app_role, as `vip migrate` grants production's; then
# every test connects as APP_ROLE, except those marked `owner` and the flush after a transactional
# test. APP_ROLE has no password (trust authentication, as CI's; otherwise a ~/.pgpass line).
APP_ROLE = "vip_test_app"


@dataclass
class _Logins:
    owner: tuple[str, str] | None = None  # (user, password) on PostgreSQL
    app: tuple[str, str] | None = None  # once granted its rows
    owners_test: bool = False  # the running test is marked `owner`


_logins = _Logins()


def _log_in_as(login: tuple[str, str] | None) -> None:
    """The default connection logs in as `login` from its next query on (None: as it is)."""
    from django.db import connection

    settings_dict = connection.settings_dict
    if login is None or (settings_dict["USER"], settings_dict["PASSWORD"]) == login:
        return
    connection.close()
    settings_dict["USER"], settings_dict["PASSWORD"] = login


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    from django.db import connection

    from vip.audit import guards

    if connection.vendor != "postgresql":
        yield
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        # Idempotent, and safe when another worker (or run) creates the role at the same moment.
        cursor.execute(
            f"DO $$ BEGIN CREATE ROLE {APP_ROLE} LOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
        guards.grant_app_role(connection, APP_ROLE)
    _logins.app = (APP_ROLE, "")
    _log_in_as(_logins.owner if _logins.owners_test else _logins.app)  # set up in the first test
    yield
    _log_in_as(_logins.owner)  # the owner drops the test database
    _logins.app = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """A test marked `owner` connects as the tables' owner from its first query (before its
    transaction begins)."""
    if item.get_closest_marker("owner"):
        _logins.owners_test = True
        _log_in_as(_logins.owner)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After every fixture's teardown (a transactional test's flush among them): APP_ROLE again."""
    try:
        return (yield)
    finally:
        _logins.owners_test = False
        _log_in_as(_logins.app)


@pytest.fixture(autouse=True)
def _flushable_append_only_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """A transactional test (threads, a live server) ends with Django's flush, which empties every
    table: the append-only guards refuse that, as they should in production. Only for that flush
    the guards are lifted; the flush's post_migrate signal puts them back at once. Lifting and
    restoring a trigger takes the tables' owner: the flush connects as the owner, and the test's
    teardown logs in as APP_ROLE again (pytest_runtest_teardown)."""
    if not uses_transactions(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection

    from vip.audit import guards

    _log_in_as(_logins.owner)
    guards.remove_append_only(connection)


def _restore_guards(sender: object, using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from vip.audit import guards

    guards.install(connections[using])


def _fast_commits(sender: object, connection: object, **kwargs: object) -> None:
    """Test databases are thrown away: PostgreSQL need not wait for the disk at each commit
    (locks, constraints and triggers behave exactly the same)."""
    if getattr(connection, "vendor", None) == "postgresql":
        with connection.cursor() as cursor:  # type: ignore[attr-defined]
            cursor.execute("SET synchronous_commit TO off")


def pytest_configure(config: pytest.Config) -> None:
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth import hashers
    from django.db.backends.signals import connection_created
    from django.db.models.signals import post_migrate

    # Tests hash passwords fast (pytest-django has read the settings already); production: PBKDF2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()  # type: ignore[attr-defined]
    hashers.get_hashers_by_algorithm.cache_clear()  # type: ignore[attr-defined]
    config.addinivalue_line(
        "markers",
        "owner: on PostgreSQL, connects as the tables' owner, not the application's role (DDL:"
        " an attacker's, the guards' own tests, backups)",
    )
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        default = settings.DATABASES["default"]
        _logins.owner = (default["USER"], default["PASSWORD"])
    connection_created.connect(_fast_commits, dispatch_uid="vip-test-fast-commits")
    post_migrate.connect(
        _restore_guards,
        sender=apps.get_app_config("ledger"),
        dispatch_uid="vip-test-restore-guards",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the database, so the PostgreSQL pass runs exactly those."""
    for item in items:
        if {"db", "transactional_db"} & set(getattr(item, "fixturenames", ())) or (
            item.get_closest_marker("django_db")
        ):
            item.add_marker(pytest.mark.database)


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language() -> Iterator[None]:
    """LocaleMiddleware leaves a request's language active in the thread after the response: a
    test after one that asked in Spanish would read Spanish words. Each starts from the default."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_matching_indexes() -> Iterator[None]:
    """The indexes live as long as their process; each test has a new database: it is rebuilt on
    first use (as after a start), and dropped again afterwards."""
    from vip.matching import indexes

    indexes.invalidate()
    yield
    indexes.invalidate()


@pytest.fixture
def wsgi_requests_keep_the_database() -> Iterator[None]:
    """Requests through the WSGI application itself (schemathesis, werkzeug), not Django's test
    client: Django closes the connection as each starts and ends, which would close the test's
    database (SQLite on a file, PostgreSQL). The test client holds it open the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)

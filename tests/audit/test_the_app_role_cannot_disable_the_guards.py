"""On PostgreSQL the application connects as a role that owns no table (`vip migrate` grants it
rows only, migrating as the owner): with that role's rights, the attack the checkpoints exist for
cannot even begin, since disabling or dropping a trigger takes the owner. The tests' own connection
is such a role, granted by the same code (tests/conftest.py): every test runs as production does."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from django.db import connection
from psycopg import sql

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def app_role(db: None) -> Any:
    """The test's own connection (psycopg's, under Django's), in the test's transaction."""
    connection.ensure_connection()
    return connection.connection


def test_the_tests_connect_as_a_role_that_owns_no_table(app_role: psycopg.Connection) -> None:
    owner, me, superuser = app_role.execute(
        "SELECT tableowner, current_user, rolsuper FROM pg_tables, pg_roles"
        " WHERE tablename = 'audit_auditevent' AND rolname = current_user"
    ).fetchone()
    assert owner != me and not superuser
    assert app_role.execute(
        "SELECT count(*) FROM pg_tables WHERE tableowner = current_user"
    ).fetchone() == (0,)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        app_role.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL")


@pytest.mark.parametrize(
    "statement",
    [
        "ALTER TABLE {} DISABLE TRIGGER ALL",
        "ALTER TABLE {} DISABLE TRIGGER {}_append_only",
        "DROP TRIGGER {}_append_only ON {}",
        "TRUNCATE {} CASCADE",
    ],
)
@pytest.mark.parametrize("table", ["audit_auditevent", "people_verification", "ledger_leg"])
def test_the_app_role_may_not_step_around_the_guards(
    app_role: psycopg.Connection, statement: str, table: str
) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        app_role.execute(sql.SQL(statement.replace("{}", table)))


def test_the_app_role_reads_and_writes_rows_but_the_log_stays_append_only(
    app_role: psycopg.Connection,
) -> None:
    assert app_role.execute("SELECT count(*) FROM audit_auditevent").fetchone() == (0,)
    app_role.execute(
        "INSERT INTO audit_auditevent (seq, at, action, object_type, object_id, data, prev_hash,"
        " hash) VALUES (1, now(), 'x', 'x', 'x', '{}', '0', 'h')"
    )
    with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        app_role.execute("DELETE FROM audit_auditevent")

"""On PostgreSQL the application connects as a role that owns no table (`vip migrate` grants it
rows only, migrating as the owner): with that role's rights, the attack the checkpoints exist for
cannot even begin, since disabling or dropping a trigger takes the owner."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from vip.audit import guards

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def app_role() -> Iterator[psycopg.Connection]:
    """A role like production's vip_app, granted by the same code `vip migrate` runs, and a
    connection of its own to the test database."""
    role = f"{connection.settings_dict['NAME']}_app"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {connection.ops.quote_name(role)} LOGIN")
    guards.grant_app_role(connection, role)
    params = connection.get_connection_params()
    params = {k: v for k, v in params.items() if k in ("host", "port", "dbname")}
    with psycopg.connect(**params, user=role, autocommit=True) as app:
        yield app
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {connection.ops.quote_name(role)}")
        cursor.execute(f"DROP ROLE {connection.ops.quote_name(role)}")


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

"""The database-level guards: the audit log, the ledger and people's verifications are
append-only, and on PostgreSQL every ledger transaction must sum to zero per currency at commit.

Installed by migrations. `remove_append_only()` lifts the append-only guards for a wholesale purge
(a test database being flushed between tests), never for an ordinary change; the flush's
post_migrate puts them back."""

from __future__ import annotations

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

# People's verifications too: a criminal-record or health result is never changed in place; a new
# finding is a new row, and the log holds a digest of each (audit/seals.py).
APPEND_ONLY = ["audit_auditevent", "ledger_transaction", "ledger_leg", "people_verification"]

POSTGRES_FUNCTIONS = """
CREATE OR REPLACE FUNCTION vip_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP;
END $$ LANGUAGE plpgsql;
CREATE TABLE IF NOT EXISTS ledger_zero_sum_pending (transaction_id bigint PRIMARY KEY);
CREATE OR REPLACE FUNCTION vip_ledger_zero_sum_queue() RETURNS trigger AS $$
BEGIN
  INSERT INTO ledger_zero_sum_pending (transaction_id)
    SELECT DISTINCT transaction_id FROM added ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION vip_ledger_zero_sum() RETURNS trigger AS $$
DECLARE unbalanced record;
BEGIN
  SELECT currency, SUM(amount) AS total INTO unbalanced FROM ledger_leg
   WHERE transaction_id = NEW.transaction_id GROUP BY currency HAVING SUM(amount) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not sum to zero in % (%)',
      NEW.transaction_id, unbalanced.currency, unbalanced.total;
  END IF;
  DELETE FROM ledger_zero_sum_pending WHERE transaction_id = NEW.transaction_id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
"""


def _postgres_guards(table: str) -> list[str]:
    return [
        f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION vip_refuse_change()",
        f"CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION vip_refuse_change()",
    ]


def _sqlite_guards(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} BEGIN "
        f"SELECT RAISE(ABORT, 'append-only table {table}: {op} refused'); END"
        for op in ("UPDATE", "DELETE")
    ]


# Checked once per ledger transaction, at commit, however many legs it has (a social dividend
# has millions, inserted by one statement): each statement that inserts legs queues the ids of
# their transactions (once each) into ledger_zero_sum_pending, and a deferred constraint trigger
# on that queue sums each queued transaction's legs at commit. A per-leg trigger would sum the
# whole transaction once per leg: n^2 for n legs.
ZERO_SUM = [
    "DROP TRIGGER IF EXISTS ledger_zero_sum ON ledger_leg",
    "CREATE TRIGGER ledger_zero_sum AFTER INSERT ON ledger_leg REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION vip_ledger_zero_sum_queue()",
    "DROP TRIGGER IF EXISTS ledger_zero_sum_at_commit ON ledger_zero_sum_pending",
    "CREATE CONSTRAINT TRIGGER ledger_zero_sum_at_commit AFTER INSERT ON ledger_zero_sum_pending "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vip_ledger_zero_sum()",
]


def _execute(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:  # no parameters: plpgsql's % stays literal
        for statement in statements:
            cursor.execute(statement)


def install(connection: BaseDatabaseWrapper = default_connection) -> None:
    if connection.vendor == "postgresql":
        statements = [POSTGRES_FUNCTIONS, *ZERO_SUM]
        statements += [s for table in APPEND_ONLY for s in _postgres_guards(table)]
    else:
        statements = [s for table in APPEND_ONLY for s in _sqlite_guards(table)]
    _execute(connection, statements)


def remove_append_only(connection: BaseDatabaseWrapper = default_connection) -> None:
    if connection.vendor == "postgresql":
        statements = [
            f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}"
            for table in APPEND_ONLY
            for name in ("append_only", "no_truncate")
        ]
    else:
        statements = [
            f"DROP TRIGGER IF EXISTS {table}_no_{op}"
            for table in APPEND_ONLY
            for op in ("update", "delete")
        ]
    _execute(connection, statements)


def grant_app_role(connection: BaseDatabaseWrapper, role: str) -> None:
    """PostgreSQL: the application's role reads and writes rows and owns nothing, so it cannot
    disable, drop or replace a trigger (that takes the owner); migrations run as the owner."""
    quoted = connection.ops.quote_name(role)
    _execute(
        connection,
        [
            f"GRANT USAGE ON SCHEMA public TO {quoted}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        ],
    )

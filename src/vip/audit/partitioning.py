"""The audit log declaratively partitioned, as docs/scale.md plans it for a country's size
(PostgreSQL): by chain (`LIST`), each chain's partition by month (`RANGE (at)`, UTC months).

Not applied to the production table yet: these statements build the layout beside it (a test
builds it in a scratch schema and runs the real appends and `vip audit verify` on it). What the
layout keeps of the flat table's invariants:

- append-only: the row triggers are created on the parent, which PostgreSQL clones onto every
  partition, present and future; a statement trigger is not cloned, so each partition gets its
  own no-truncate trigger;
- one event per (chain, seq): a unique constraint on a partitioned table must hold its
  partition columns, so the month partition's is (chain, seq, at); across months an insert
  trigger looks the pair up in the chain's partitions (one index probe each). The chain's head
  row still serialises its appends, and `verify` still finds a duplicate or a gap;
- the hash is unique per (chain, hash, at), for the same reason.
"""

from __future__ import annotations

import datetime as dt
import re

from vip.audit.guards import _postgres_guards
from vip.calendar import add_months

TABLE = "audit_auditevent"

SEQ_ONCE = f"""
CREATE OR REPLACE FUNCTION vip_audit_seq_once() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM {TABLE} WHERE chain = NEW.chain AND seq = NEW.seq) THEN
    RAISE EXCEPTION 'audit chain %: seq % is taken', NEW.chain, NEW.seq
      USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql
"""


def _name(table: str, code: str) -> str:
    if not re.fullmatch(r"[A-Z0-9-]{0,8}", code):
        raise ValueError(f"not a chain's or a jurisdiction's code: {code!r}")
    return f"{table}_{code.lower().replace('-', '_') or 'none'}"


def _no_truncate(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION vip_refuse_change()"
    )


def parent(like: str) -> list[str]:
    """The partitioned log, with the columns of the flat table `like` (its defaults and its
    identity), its keys, its index and its guards."""
    return [
        f"CREATE TABLE {TABLE} (LIKE {like} INCLUDING DEFAULTS INCLUDING IDENTITY)"
        " PARTITION BY LIST (chain)",
        f"ALTER TABLE {TABLE} ADD PRIMARY KEY (id, chain, at)",
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_chain_seq_at UNIQUE (chain, seq, at)",
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_chain_hash_at UNIQUE (chain, hash, at)",
        f"ALTER TABLE {TABLE} ADD FOREIGN KEY (actor_id) REFERENCES people_user (id)"
        " DEFERRABLE INITIALLY DEFERRED",
        f"CREATE INDEX ON {TABLE} (object_type, object_id)",
        SEQ_ONCE,
        f"CREATE TRIGGER {TABLE}_seq_once BEFORE INSERT ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION vip_audit_seq_once()",
        *_postgres_guards(TABLE),
    ]


# Shared by every table partitioned by a code (LIST) and then by month (RANGE (at)): the audit
# log by chain, the visas' status changes by jurisdiction (vip.visas.partitioning). `guarded`:
# the table is append-only, so each partition gets the no-truncate trigger its parent has.


def code(table: str, value: str, *, guarded: bool) -> list[str]:
    """The partition of `table` for one code, itself partitioned by month."""
    statements = [
        f"CREATE TABLE {_name(table, value)} PARTITION OF {table} FOR VALUES IN ('{value}')"
        " PARTITION BY RANGE (at)"
    ]
    return statements + ([_no_truncate(_name(table, value))] if guarded else [])


def month(table: str, value: str, first: dt.date, *, guarded: bool) -> list[str]:
    """The code's partition for the month beginning `first` (a monthly job makes the next one
    ahead of time: a row of a month with no partition is refused, never lost)."""
    if first.day != 1:
        raise ValueError(f"a month begins on its first day, not {first}")
    name = f"{_name(table, value)}_{first:%Y_%m}"
    end = add_months(first, 1)
    statements = [
        f"CREATE TABLE {name} PARTITION OF {_name(table, value)} FOR VALUES"
        f" FROM ('{first.isoformat()} 00:00+00') TO ('{end.isoformat()} 00:00+00')"
    ]
    return statements + ([_no_truncate(name)] if guarded else [])


def partitions(table: str, codes: list[str], months: list[dt.date], *, guarded: bool) -> list[str]:
    """Every code's partition of `table` and, in each, every month's."""
    statements = []
    for value in codes:
        statements += code(table, value, guarded=guarded)
        for first in months:
            statements += month(table, value, first, guarded=guarded)
    return statements


def layout(like: str, chains: list[str], months: list[dt.date]) -> list[str]:
    """Every statement of the partitioned log for these chains and months."""
    return parent(like) + partitions(TABLE, chains, months, guarded=True)

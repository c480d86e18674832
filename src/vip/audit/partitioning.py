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


def _name(chain: str) -> str:
    if not re.fullmatch(r"[A-Z0-9-]{0,8}", chain):
        raise ValueError(f"not a chain's code: {chain!r}")
    return f"{TABLE}_{chain.lower().replace('-', '_') or 'none'}"


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


def chain(code: str) -> list[str]:
    """A chain's partition, itself partitioned by month."""
    return [
        f"CREATE TABLE {_name(code)} PARTITION OF {TABLE} FOR VALUES IN ('{code}')"
        " PARTITION BY RANGE (at)",
        _no_truncate(_name(code)),
    ]


def month(code: str, first: dt.date) -> list[str]:
    """The chain's partition for the month beginning `first` (a monthly job makes the next
    one ahead of time: an event of a month with no partition is refused, never lost)."""
    if first.day != 1:
        raise ValueError(f"a month begins on its first day, not {first}")
    table = f"{_name(code)}_{first:%Y_%m}"
    end = add_months(first, 1)
    return [
        f"CREATE TABLE {table} PARTITION OF {_name(code)} FOR VALUES"
        f" FROM ('{first.isoformat()} 00:00+00') TO ('{end.isoformat()} 00:00+00')",
        _no_truncate(table),
    ]


def layout(like: str, chains: list[str], months: list[dt.date]) -> list[str]:
    """Every statement of the partitioned log for these chains and months."""
    statements = parent(like)
    for code in chains:
        statements += chain(code)
        for first in months:
            statements += month(code, first)
    return statements

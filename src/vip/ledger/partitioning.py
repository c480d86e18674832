"""The ledger declaratively partitioned, as docs/scale.md plans it for a country's size
(PostgreSQL): transactions and their legs by the transaction's jurisdiction (`LIST`, "" the
platform's own), each jurisdiction's partition by month (`RANGE (at)`, UTC months), with the
statements the audit log's layout uses (vip.audit.partitioning).

Not applied to the production tables yet: a test builds the layout in a scratch schema and
posts through the ledger's services on it. What it keeps of the flat tables' invariants:

- append-only: the row triggers on each parent are cloned onto every partition; each partition
  gets its own no-truncate trigger (a statement trigger is not cloned);
- zero-sum at commit: the queueing statement trigger (with its transition table) is created on
  the legs' parent, which PostgreSQL allows there and fires for rows routed to any partition;
- a leg is in its transaction's partition: a unique key of a partitioned table holds its
  partition columns, so the transaction's is (id, jurisdiction, at) and the leg's foreign key
  is that triple, a leg carrying another jurisdiction or time than its transaction is refused.
"""

from __future__ import annotations

import datetime as dt

from vip.audit.guards import ZERO_SUM, _postgres_guards
from vip.audit.partitioning import month, partitions

TRANSACTIONS, LEGS = "ledger_transaction", "ledger_leg"
DEFERRED = "DEFERRABLE INITIALLY DEFERRED"  # as Django's foreign keys are


def parents(transactions: str, legs: str) -> list[str]:
    """The partitioned tables, with the columns of the flat tables (their defaults, identity and
    checks), their keys, the indexes of their foreign keys and their guards."""
    like = "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS"
    return [
        f"CREATE TABLE {TRANSACTIONS} (LIKE {transactions} {like})"
        " PARTITION BY LIST (jurisdiction)",
        f"ALTER TABLE {TRANSACTIONS} ADD PRIMARY KEY (id, jurisdiction, at)",
        f"ALTER TABLE {TRANSACTIONS} ADD FOREIGN KEY (visa_id)"
        f" REFERENCES visas_visa (id) {DEFERRED}",
        f"CREATE INDEX ON {TRANSACTIONS} (visa_id)",
        f"CREATE TABLE {LEGS} (LIKE {legs} {like}) PARTITION BY LIST (jurisdiction)",
        f"ALTER TABLE {LEGS} ADD PRIMARY KEY (id, jurisdiction, at)",
        f"ALTER TABLE {LEGS} ADD FOREIGN KEY (transaction_id, jurisdiction, at)"
        f" REFERENCES {TRANSACTIONS} (id, jurisdiction, at) {DEFERRED}",
        f"ALTER TABLE {LEGS} ADD FOREIGN KEY (account_id)"
        f" REFERENCES ledger_account (id) {DEFERRED}",
        f"CREATE INDEX ON {LEGS} (transaction_id)",
        f"CREATE INDEX ON {LEGS} (account_id)",
        *_postgres_guards(TRANSACTIONS),
        *_postgres_guards(LEGS),
        *ZERO_SUM,
    ]


def month_of(jurisdiction: str, first: dt.date) -> list[str]:
    """Both tables' partitions for a jurisdiction's month (made by a monthly job ahead of time:
    a posting of a month with no partition is refused, never lost)."""
    return [
        s for table in (TRANSACTIONS, LEGS) for s in month(table, jurisdiction, first, guarded=True)
    ]


def layout(
    transactions: str, legs: str, jurisdictions: list[str], months: list[dt.date]
) -> list[str]:
    """Every statement of the partitioned ledger for these jurisdictions and months."""
    return parents(transactions, legs) + [
        s
        for table in (TRANSACTIONS, LEGS)
        for s in partitions(table, jurisdictions, months, guarded=True)
    ]

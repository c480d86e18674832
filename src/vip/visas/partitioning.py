"""The visas' status changes declaratively partitioned, as docs/scale.md plans it for a country's
size (PostgreSQL): by the visa's jurisdiction (`LIST (jurisdiction_id)`, a column of each change
for that reason), each jurisdiction's partition by month (`RANGE (at)`, UTC months), with the
statements the audit log's layout uses (vip.audit.partitioning).

Not applied to the production table yet: a test builds it in a scratch schema and runs the real
visa services on it. The flat table carries no append-only trigger (a visa's history is only
appended to by change_status, but tests back-date it), so neither does the layout; its primary
key must hold the partition columns, so it is (id, jurisdiction_id, at): the id alone stays
unique, drawn from the one identity sequence of the parent.
"""

from __future__ import annotations

import datetime as dt

from vip.audit.partitioning import partitions

TABLE = "visas_statuschange"


def parent(like: str) -> list[str]:
    """The partitioned table, with the columns of the flat table `like` (its defaults and its
    identity), its keys and the indexes of its foreign keys."""
    deferred = "DEFERRABLE INITIALLY DEFERRED"  # as Django's foreign keys are
    return [
        f"CREATE TABLE {TABLE} (LIKE {like} INCLUDING DEFAULTS INCLUDING IDENTITY)"
        " PARTITION BY LIST (jurisdiction_id)",
        f"ALTER TABLE {TABLE} ADD PRIMARY KEY (id, jurisdiction_id, at)",
        f"ALTER TABLE {TABLE} ADD FOREIGN KEY (visa_id) REFERENCES visas_visa (id) {deferred}",
        f"ALTER TABLE {TABLE} ADD FOREIGN KEY (actor_id) REFERENCES people_user (id) {deferred}",
        f"ALTER TABLE {TABLE} ADD FOREIGN KEY (jurisdiction_id)"
        f" REFERENCES communities_jurisdiction (code) {deferred}",
        f"CREATE INDEX ON {TABLE} (visa_id)",
    ]


def layout(like: str, jurisdictions: list[str], months: list[dt.date]) -> list[str]:
    """Every statement of the partitioned table for these jurisdictions and months."""
    return parent(like) + partitions(TABLE, jurisdictions, months, guarded=False)

"""What the tests of the partitioned layouts (docs/scale.md) share: the layout built in schema
`vip_partitioned`, first on the search path, so that it shadows the flat tables inside the
test's transaction (whose rollback takes the schema and the path back); the months they use;
where rows landed."""

from __future__ import annotations

from django.db import connection

from vip.calendar import add_months
from vip.clock import now

THIS_MONTH = now().date().replace(day=1)
LAST_MONTH = add_months(THIS_MONTH, -1)
NEXT_MONTH = add_months(THIS_MONTH, 1)


def build(*statements: str) -> None:
    """The scratch schema, first on the search path, and these statements run in it."""
    with connection.cursor() as cursor:
        for statement in [
            "CREATE SCHEMA vip_partitioned",
            "SET search_path TO vip_partitioned, public",
            *statements,
        ]:
            cursor.execute(statement)


def partitions(table: str) -> dict[str, int]:
    """How many of `table`'s rows each partition holds."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tableoid::regclass::text, count(*) FROM {table} GROUP BY 1")
        return dict(cursor.fetchall())

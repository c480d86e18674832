"""Stepping around the append-only triggers, as an attacker with DDL rights would, inside the
test's transaction (which rolls back, triggers and all)."""

from __future__ import annotations

from django.db import connection

from vip.audit import guards


def drop_append_only_guard() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # DDL waits for no deferred check: settle the foreign keys written so far.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    guards.remove_append_only(connection)

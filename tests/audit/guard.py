"""Stepping around the append-only triggers, as an attacker with DDL rights would, inside the
test's transaction (which rolls back, triggers and all)."""

from __future__ import annotations

from django.db import connection

from vip.audit import guards
from vip.audit.models import AuditEvent, AuditHead
from vip.audit.services import GENESIS, _digest


def drop_append_only_guard() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # DDL waits for no deferred check: settle the foreign keys written so far.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    guards.remove_append_only(connection)


def rechain_and_rewind(chain: str) -> None:
    """What the unkeyed chain cannot see: renumber what is left of a chain, recompute its hashes
    from the genesis and move its head to the new end. Run after deleting events with the guard
    dropped."""
    prev = GENESIS
    events = AuditEvent.objects.filter(chain=chain).order_by("seq")
    for seq, event in enumerate(events, start=1):
        event.seq, event.prev_hash = seq, prev
        event.hash = _digest(
            prev,
            seq,
            event.at.isoformat(),
            event.actor_id,
            event.action,
            event.object_type,
            event.object_id,
            event.data,
            chain,
        )
        event.save(update_fields=["seq", "prev_hash", "hash"])
        prev = event.hash
    AuditHead.objects.filter(chain=chain).update(seq=events.count(), hash=prev)

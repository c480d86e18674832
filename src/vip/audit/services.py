"""Appending to the audit log. Each event's hash covers the previous hash and its own content."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from vip.audit import checkpoints, seals
from vip.audit.checkpoints import Checkpoint
from vip.audit.models import Action, AuditEvent, AuditHead, Subject
from vip.clock import now
from vip.errors import Conflict
from vip.people.models import Role, User

GENESIS = "0" * 64


def _digest(
    prev_hash: str,
    seq: int,
    at: str,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    data: dict[str, Any],
) -> str:
    body = json.dumps(
        [prev_hash, seq, at, actor_id, action, object_type, object_id, data],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record(
    *,
    actor: User | None,
    action: Action,
    object_type: Subject,
    object_id: object,
    data: dict[str, Any] | None = None,
    on_behalf_of: User | None = None,
) -> AuditEvent:
    """Append one event; must run inside the caller's transaction so both land or neither.
    `on_behalf_of` is the sponsor whose thing it is: when his agency is the actor, the event
    names him too (`data["on_behalf_of"]`), so the log reads "the agency, for Anthony"."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the state change's transaction")
    if on_behalf_of is not None and actor is not None and actor.role == Role.AGENCY:
        data = {**(data or {}), "on_behalf_of": on_behalf_of.pk}
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1, defaults={"hash": GENESIS})
    payload = json.loads(json.dumps(data or {}, default=str))
    at = now()
    seq = head.seq + 1
    digest = _digest(
        head.hash,
        seq,
        at.isoformat(),
        actor.pk if actor else None,
        action,
        object_type,
        str(object_id),
        payload,
    )
    event = AuditEvent.objects.create(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        data=payload,
        prev_hash=head.hash,
        hash=digest,
    )
    head.seq, head.hash = seq, digest
    head.save(update_fields=["seq", "hash"])
    return event


@dataclass(frozen=True)
class ChainReport:
    events: int
    broken_at: int | None
    problem: str
    head: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(checkpoint: Checkpoint | None = None) -> ChainReport:
    """Recompute the chain from the first event; report the first event that does not fit.

    The rows the log vouches for (audit/seals.py) must still be what it recorded. With a
    checkpoint, the log must also extend it: its event at the checkpoint's seq must be the
    one that was signed. A log re-chained below that point, or cut back before it, does not."""
    prev, count = GENESIS, 0
    sealed: list[tuple[int, dict[str, Any]]] = []
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        count += 1
        if event.seq != count:
            return ChainReport(count, event.seq, f"sequence gap before #{event.seq}")
        if event.prev_hash != prev:
            return ChainReport(count, event.seq, f"#{event.seq} does not follow its predecessor")
        expected = _digest(
            prev,
            event.seq,
            event.at.isoformat(),
            event.actor_id,
            event.action,
            event.object_type,
            event.object_id,
            event.data,
        )
        if expected != event.hash:
            return ChainReport(count, event.seq, f"#{event.seq} was altered")
        if checkpoint is not None and event.seq == checkpoint.seq and event.hash != checkpoint.hash:
            return ChainReport(
                count,
                event.seq,
                f"#{event.seq} is not the event signed at {checkpoint.at}: the log was rewritten",
            )
        if "sealed" in event.data:
            sealed.append((event.seq, event.data["sealed"]))
        prev = event.hash
    if checkpoint is not None and count < checkpoint.seq:
        return ChainReport(
            count,
            count + 1,
            f"the log ends at #{count}, before #{checkpoint.seq} signed at {checkpoint.at}",
        )
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.hash) != (count, prev):
        return ChainReport(count, count, "events were removed from the end of the log")
    altered = seals.check(sealed)
    if altered is not None:
        seq, problem = altered
        return ChainReport(count, count + 1 if seq is None else seq, problem)
    return ChainReport(count, None, "", prev)


def signing_key() -> checkpoints.Key:
    return checkpoints.load_key(settings.VIP_AUDIT_SIGNING_KEY)


def verify_against(path: Path) -> ChainReport:
    return verify(checkpoints.read(path, signing_key()))


def write_checkpoint(out: Path) -> Checkpoint:
    """The daily job: sign the head of a log that verifies, and write it where it is kept."""
    key = signing_key()
    report = verify()
    if not report.ok:
        raise Conflict("AUDIT_LOG_BROKEN", f"not signing a broken log: {report.problem}")
    checkpoint = checkpoints.sign(key, report.events, report.head, now().isoformat())
    checkpoints.write(checkpoint, out)
    return checkpoint

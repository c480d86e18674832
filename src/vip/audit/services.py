"""Appending to the audit log. Each event's hash covers the previous hash and its own content."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

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
    chain: str = "",
) -> str:
    """The event's hash. A jurisdiction's chain is inside it, so an event moved to another chain
    does not fit there; the "" chain's events hash as they did before the chains were split, so
    the events written then verify unchanged (no row of an append-only log is rewritten)."""
    fields: list[Any] = [prev_hash, seq, at, actor_id, action, object_type, object_id, data]
    body = json.dumps(
        [*fields, chain] if chain else fields,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def chain_of(actor: User | None, object_type: Subject, object_id: object) -> str:
    """The chain an event goes to when its service does not say: a visa's jurisdiction for an
    event about a visa, else the jurisdiction of the actor's community, else "" (an act in no
    jurisdiction: the authority's own, a login, a system job). One indexed read each."""
    if object_type == Subject.VISA and str(object_id).isdigit():
        visas = apps.get_model("visas", "Visa").objects.filter(pk=int(str(object_id)))
        found = visas.values_list("jurisdiction_id", flat=True).first()
        if found:
            return str(found)
    community = getattr(actor, "community_id", None)
    if community is not None:
        communities = apps.get_model("communities", "Community").objects.filter(pk=community)
        return str(communities.values_list("jurisdiction_id", flat=True).first() or "")
    return ""


def chain_for(
    actor: User | None, object_type: Subject, object_id: object, chain: str | None = None
) -> str:
    """The chain `record` appends this event to: the operation's, once it holds one; else
    `chain`, else `chain_of`'s. The ledger reads it first: a posting's rows carry it (their
    partition key, vip.ledger.partitioning) before its event is recorded."""
    held = _held_chain(transaction.get_connection())
    if held is not None:
        return held
    return chain_of(actor, object_type, object_id) if chain is None else chain


@dataclass(frozen=True)
class _HeldHead:
    """A no-op on-commit callback marking that the operation holds `chain`'s head. Django
    drops it with the transaction, or with the savepoint that took the lock (which PostgreSQL
    releases then too), so while it is listed the lock is held."""

    chain: str
    operation: tuple[str | None, ...]

    def __call__(self) -> None:
        return None


def _operation(connection: BaseDatabaseWrapper) -> tuple[str | None, ...]:
    """Names the operation's transaction: () for a real one. In a test the operation's durable
    block is a savepoint inside the test's transaction (whose blocks are `_from_testcase`): its
    savepoint names it, so the next operation of the test is another operation, as in production."""
    blocks = connection.atomic_blocks
    first = next(
        (i for i, b in enumerate(blocks) if not getattr(b, "_from_testcase", False)), len(blocks)
    )
    return tuple(connection.savepoint_ids[:first])


def _held_chain(connection: BaseDatabaseWrapper) -> str | None:
    operation = _operation(connection)
    for entry in connection.run_on_commit:  # (savepoint ids, callback, robust)
        if isinstance(entry[1], _HeldHead) and entry[1].operation == operation:
            return entry[1].chain
    return None


def record(
    *,
    actor: User | None,
    action: Action,
    object_type: Subject,
    object_id: object,
    data: dict[str, Any] | None = None,
    on_behalf_of: User | None = None,
    chain: str | None = None,
) -> AuditEvent:
    """Append one event; must run inside the caller's transaction so both land or neither.
    `on_behalf_of` is the sponsor whose thing it is: when his agency is the actor, the event
    names him too (`data["on_behalf_of"]`), so the log reads "the agency, for Anthony".
    `chain` is the jurisdiction's code when the service knows it better than `chain_of`.

    An operation's events all go to one chain, its first event's: a transaction holds one head,
    so two operations never take two heads in opposite orders (a deadlock), and the lock order
    the services keep (their rows, then the log's head) holds as it did with one chain."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must run inside the state change's transaction")
    if on_behalf_of is not None and actor is not None and actor.role == Role.AGENCY:
        data = {**(data or {}), "on_behalf_of": on_behalf_of.pk}
    held = _held_chain(connection)
    chain = chain_for(actor, object_type, object_id, chain)
    # Only this chain's head is locked: another jurisdiction's appends do not wait for it.
    head, _ = AuditHead.objects.select_for_update().get_or_create(
        chain=chain, defaults={"hash": GENESIS}
    )
    if held is None:
        transaction.on_commit(_HeldHead(chain, _operation(connection)))
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
        chain,
    )
    event = AuditEvent.objects.create(
        chain=chain,
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


def label(chain: str, seq: int) -> str:
    """How a report names an event: "#12" in the "" chain, "US#12" in a jurisdiction's."""
    return f"{chain}#{seq}"


@dataclass(frozen=True)
class ChainHead:
    chain: str
    seq: int  # its events, as its last event's seq
    hash: str


@dataclass(frozen=True)
class ChainReport:
    """What verify found: the events that fit (every chain's), the first one that does not
    (`chain`, `broken_at` its seq there) and each verified chain's head."""

    events: int
    broken_at: int | None
    problem: str
    chain: str = ""
    heads: tuple[ChainHead, ...] = ()

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    @property
    def head(self) -> str:
        """The log's head in one digest: the one chain's last hash, or a SHA-256 over every
        chain's (chain, seq, hash) when there are several."""
        if len(self.heads) <= 1:
            return self.heads[0].hash if self.heads else GENESIS
        body = json.dumps([[h.chain, h.seq, h.hash] for h in self.heads], separators=(",", ":"))
        return hashlib.sha256(body.encode()).hexdigest()


class _Broken(Exception):
    """The first event of a chain that does not fit, after `count` of its events were read."""

    def __init__(self, chain: str, seq: int, count: int, problem: str) -> None:
        super().__init__(problem)
        self.chain, self.seq, self.count, self.problem = chain, seq, count, problem


def _verify_chain(
    chain: str,
    signed: tuple[int, str] | None,
    signed_at: str,
    sealed: list[tuple[str, int, dict[str, Any]]],
) -> ChainHead:
    prev, count = GENESIS, 0
    events = AuditEvent.objects.filter(chain=chain).order_by("seq")
    for event in events.iterator(chunk_size=2000):
        count += 1
        name = label(chain, event.seq)
        if event.seq != count:
            raise _Broken(chain, event.seq, count, f"sequence gap before {name}")
        if event.prev_hash != prev:
            raise _Broken(chain, event.seq, count, f"{name} does not follow its predecessor")
        expected = _digest(
            prev,
            event.seq,
            event.at.isoformat(),
            event.actor_id,
            event.action,
            event.object_type,
            event.object_id,
            event.data,
            chain,
        )
        if expected != event.hash:
            raise _Broken(chain, event.seq, count, f"{name} was altered")
        if signed is not None and event.seq == signed[0] and event.hash != signed[1]:
            problem = f"{name} is not the event signed at {signed_at}: the log was rewritten"
            raise _Broken(chain, event.seq, count, problem)
        if "sealed" in event.data:
            sealed.append((chain, event.seq, event.data["sealed"]))
        prev = event.hash
    if signed is not None and count < signed[0]:
        end, signed_end = label(chain, count), label(chain, signed[0])
        problem = f"the log ends at {end}, before {signed_end} signed at {signed_at}"
        raise _Broken(chain, count + 1, count, problem)
    head = AuditHead.objects.filter(chain=chain).first()
    if head is not None and (head.seq, head.hash) != (count, prev):
        where = "" if not chain else f" of chain {chain}"
        problem = f"events were removed from the end of the log{where}"
        raise _Broken(chain, count, count, problem)
    return ChainHead(chain, count, prev)


def verify(checkpoint: Checkpoint | None = None) -> ChainReport:
    """Recompute every chain from its first event; report the first event that does not fit.

    The rows the log vouches for (audit/seals.py) must still be what it recorded. With a
    checkpoint, the log must also extend it: each chain's event at the seq signed for it must be
    the one that was signed. A chain re-chained below that point, or cut back before it, does
    not; a chain signed and now missing is cut back to nothing."""
    found = set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    found |= set(AuditHead.objects.values_list("chain", flat=True))
    signed = dict(checkpoint.heads) if checkpoint is not None else {}
    signed_at = checkpoint.at if checkpoint is not None else ""
    heads: list[ChainHead] = []
    sealed: list[tuple[str, int, dict[str, Any]]] = []
    try:
        for chain in sorted(found | set(signed)):
            heads.append(_verify_chain(chain, signed.get(chain), signed_at, sealed))
    except _Broken as broken:
        done = sum(h.seq for h in heads) + broken.count
        return ChainReport(done, broken.seq, broken.problem, broken.chain, tuple(heads))
    events = sum(h.seq for h in heads)
    altered = seals.check([(label(c, seq), entry) for c, seq, entry in sealed])
    if altered is not None:
        at, problem = altered
        chain, seq = ("", events + 1) if at is None else sealed[at][:2]
        return ChainReport(events, seq, problem, chain, tuple(heads))
    return ChainReport(events, None, "", "", tuple(heads))


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
    heads = {head.chain: (head.seq, head.hash) for head in report.heads}
    checkpoint = checkpoints.sign(key, heads, now().isoformat())
    checkpoints.write(checkpoint, out)
    return checkpoint

"""Each jurisdiction's events form their own chain (its own head, seq and links), so appends in
one never wait on another's; the events written before the split are the "" chain and verify
with their hashes as they were; an event moved between chains does not fit."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connection, transaction

from vip.audit import checkpoints
from vip.audit.models import Action, AuditEvent, AuditHead, Subject
from vip.audit.services import chain_of, label, record, verify
from vip.people.models import User
from vip.people.services import read_verifications

from tests.audit.guard import drop_append_only_guard
from tests.cast import active_visa

pytestmark = pytest.mark.django_db


def legacy_digest(event: AuditEvent) -> str:
    """The hash as record() computed it before the chains were split (one chain, no chain field)."""
    fields: list[Any] = [
        event.prev_hash,
        event.seq,
        event.at.isoformat(),
        event.actor_id,
        event.action,
        event.object_type,
        event.object_id,
        event.data,
    ]
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def test_the_chain_of_an_event_is_its_visas_or_its_actors_jurisdiction_else_none(
    story: dict[str, User],
) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    authority = story["authority"]

    assert chain_of(authority, Subject.VISA, visa.pk) == visa.jurisdiction_id == "US"
    assert chain_of(story["anthony"], Subject.USER, story["anthony"].pk) == "US"
    assert chain_of(authority, Subject.USER, story["bishal"].pk) == ""
    assert chain_of(None, Subject.LOGIN, "x") == ""


def test_an_operations_events_are_all_in_its_first_events_chain(story: dict[str, User]) -> None:
    """One head per transaction: two operations never take two heads in opposite orders."""
    visa = active_visa(story["anthony"], story["bishal"])
    authority, bishal = story["authority"], story["bishal"]

    def read(subject: Subject, pk: int) -> AuditEvent:
        return record(
            actor=authority, action=Action.SENSITIVE_READ, object_type=subject, object_id=pk
        )

    with transaction.atomic(durable=True):
        first, then = read(Subject.USER, bishal.pk), read(Subject.VISA, visa.pk)
    with transaction.atomic(durable=True):
        alone = read(Subject.VISA, visa.pk)

    assert (first.chain, then.chain, alone.chain) == ("", "", "US")
    assert verify().ok


def test_the_events_of_the_none_chain_hash_as_before_the_split(story: dict[str, User]) -> None:
    read_verifications(reader=story["authority"], person_id=story["bishal"].pk)

    none = list(AuditEvent.objects.filter(chain="").order_by("seq"))
    assert none and all(event.hash == legacy_digest(event) for event in none)
    jurisdictions = AuditEvent.objects.exclude(chain="")
    assert jurisdictions.exists()
    assert all(event.hash != legacy_digest(event) for event in jurisdictions)
    assert verify().ok


@pytest.mark.owner
def test_an_event_moved_to_another_chain_does_not_fit_there(story: dict[str, User]) -> None:
    """An attacker moves the US chain's last event to the end of the "" chain, links it there
    and moves both heads: its hash covers the chain it was written in, so it is altered."""
    moved = AuditEvent.objects.filter(chain="US").order_by("seq").last()
    none = AuditHead.objects.get(chain="")
    assert moved is not None
    drop_append_only_guard()
    AuditEvent.objects.filter(pk=moved.pk).update(chain="", seq=none.seq + 1, prev_hash=none.hash)
    AuditHead.objects.filter(chain="").update(seq=none.seq + 1, hash=moved.hash)
    AuditHead.objects.filter(chain="US").update(seq=moved.seq - 1, hash=moved.prev_hash)

    report = verify()

    assert (report.ok, report.chain, report.broken_at) == (False, "", none.seq + 1)
    assert report.problem == f"#{none.seq + 1} was altered"


def test_a_checkpoint_signed_before_the_split_is_checked_against_the_none_chain(
    story: dict[str, User], signing_key: Path, tmp_path: Path
) -> None:
    head = AuditHead.objects.get(chain="")
    old = checkpoints.Checkpoint(
        heads={"": (head.seq, head.hash)},
        at="2026-12-01T00:00:00+00:00",
        key_id="",
        log="vip-audit-v1",
    )
    key = checkpoints.load_key(str(signing_key))
    assert isinstance(key, checkpoints.Ed25519PrivateKey)
    unsigned = checkpoints.Checkpoint(
        heads=old.heads, at=old.at, key_id=checkpoints.key_id(key.public_key()), log=old.log
    )
    signature = base64.b64encode(key.sign(unsigned.signed_bytes())).decode()
    out = tmp_path / "v1.json"
    out.write_text(
        json.dumps(
            {
                "log": "vip-audit-v1",
                "seq": head.seq,
                "hash": head.hash,
                "at": unsigned.at,
                "key_id": unsigned.key_id,
                "signature": signature,
            }
        )
    )

    read = checkpoints.read(out, key.public_key())

    assert read.heads == {"": (head.seq, head.hash)}
    assert verify(read).ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_append_in_one_jurisdiction_does_not_wait_for_another(story: dict[str, User]) -> None:
    holding, release = threading.Event(), threading.Event()

    def hold_the_none_chain() -> None:
        try:
            with transaction.atomic():
                AuditHead.objects.select_for_update().get(chain="")
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_none_chain)
    holder.start()
    try:
        assert holding.wait(30)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            us = record(
                actor=None,
                action=Action.SENSITIVE_READ,
                object_type=Subject.USER,
                object_id=story["bishal"].pk,
                chain="US",
            )
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '200ms'")
            record(actor=None, action=Action.SENSITIVE_READ, object_type=Subject.USER, object_id=1)
    finally:
        release.set()
        holder.join()

    assert label(us.chain, us.seq) == f"US#{us.seq}"
    assert verify().ok

"""An attacker with DDL rights steps around the triggers and edits the log: verify() names the
first event that no longer fits (the test's transaction rolls all of it back)."""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction

from vip.audit.models import AuditEvent
from vip.audit.services import _digest, label, verify
from vip.people.models import User

from tests.audit.guard import drop_append_only_guard
from tests.audit.story import live_a_visa

pytestmark = [pytest.mark.django_db, pytest.mark.owner]  # the log is tampered with past its guard


@pytest.fixture
def log(story: dict[str, User]) -> list[AuditEvent]:
    live_a_visa(story["anthony"], story["bishal"], story["authority"])
    assert verify().ok
    drop_append_only_guard()
    return list(AuditEvent.objects.order_by("id"))


def middle(log: list[AuditEvent]) -> AuditEvent:
    return next(e for e in log[len(log) // 2 :] if e.action == "fine.levied")


def test_a_fine_quietly_lowered_is_named_by_its_seq(log: list[AuditEvent]) -> None:
    fine = middle(log)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET data = %s WHERE id = %s",
            [json.dumps({**fine.data, "amount": 1}), fine.pk],
        )

    report = verify()

    assert (report.ok, report.chain, report.broken_at) == (False, fine.chain, fine.seq)
    assert report.problem == f"{label(fine.chain, fine.seq)} was altered"


def test_an_event_rewritten_with_a_fresh_hash_breaks_the_next_link(log: list[AuditEvent]) -> None:
    fine = middle(log)
    forged = {**fine.data, "amount": 1}
    digest = _digest(
        fine.prev_hash,
        fine.seq,
        fine.at.isoformat(),
        fine.actor_id,
        fine.action,
        fine.object_type,
        fine.object_id,
        forged,
        fine.chain,
    )
    AuditEvent.objects.filter(pk=fine.pk).update(data=forged, hash=digest)

    report = verify()

    assert (report.ok, report.chain, report.broken_at) == (False, fine.chain, fine.seq + 1)
    assert report.problem == f"{label(fine.chain, fine.seq + 1)} does not follow its predecessor"


def test_an_event_removed_from_the_middle_leaves_a_gap(log: list[AuditEvent]) -> None:
    fine = middle(log)
    AuditEvent.objects.filter(pk=fine.pk).delete()

    report = verify()

    assert (report.ok, report.chain, report.broken_at) == (False, fine.chain, fine.seq + 1)
    assert report.problem == f"sequence gap before {label(fine.chain, fine.seq + 1)}"


def test_events_cut_from_the_end_are_missed_by_the_head(log: list[AuditEvent]) -> None:
    for chain in ("", "US"):
        ends = max(e.seq for e in log if e.chain == chain)
        with transaction.atomic():
            AuditEvent.objects.filter(chain=chain, seq__gt=ends - 3).delete()

            report = verify()

            assert (report.ok, report.chain, report.broken_at) == (False, chain, ends - 3)
            where = f" of chain {chain}" if chain else ""
            assert report.problem == f"events were removed from the end of the log{where}"
            transaction.set_rollback(True)

"""The audit log partitioned by chain and month (vip.audit.partitioning, docs/scale.md), built in
a scratch schema that shadows the flat table inside the test's transaction: the service appends
to it as to the flat table, `vip audit verify` reads it, and it keeps the flat log's invariants
(append-only, one event per chain and seq)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from typer.testing import CliRunner

from vip.audit import partitioning
from vip.audit import services as audit
from vip.audit.models import Action, AuditEvent, Subject
from vip.cli import app

from tests.audit.guard import drop_append_only_guard
from tests.partitioned import LAST_MONTH, THIS_MONTH, build, partitions

# Creating and attaching partitions is DDL: the tables' owner's work, as a migration would be.
pytestmark = [pytest.mark.postgres, pytest.mark.owner, pytest.mark.django_db]

CHAINS = ["", "US", "CA"]


@pytest.fixture(autouse=True)
def partitioned() -> None:
    """The partitioned log and a head table of its own."""
    build(
        "CREATE TABLE audit_audithead (LIKE public.audit_audithead INCLUDING ALL)",
        *partitioning.layout("public.audit_auditevent", CHAINS, [LAST_MONTH, THIS_MONTH]),
    )


def append(chain: str, n: int, month: dt.date, monkeypatch: pytest.MonkeyPatch) -> None:
    """n events appended by the service in `month` (the log's clock set to its 10th), each in
    a transaction of its own."""
    at = dt.datetime.combine(month.replace(day=10), dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setattr(audit, "now", lambda: at)
    for i in range(n):
        with transaction.atomic():
            audit.record(
                actor=None,
                action=Action.CANDIDATES_SEARCHED,
                object_type=Subject.REQUEST,
                object_id=i,
                data={"i": i},
                chain=chain,
            )


def verify() -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(app, ["audit", "verify", "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_appends_across_chains_and_months_land_in_their_partitions_and_verify(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    append("US", 3, LAST_MONTH, monkeypatch)
    append("CA", 2, LAST_MONTH, monkeypatch)
    append("US", 2, THIS_MONTH, monkeypatch)
    append("", 1, THIS_MONTH, monkeypatch)

    assert partitions("audit_auditevent") == {
        f"audit_auditevent_us_{LAST_MONTH:%Y_%m}": 3,
        f"audit_auditevent_ca_{LAST_MONTH:%Y_%m}": 2,
        f"audit_auditevent_us_{THIS_MONTH:%Y_%m}": 2,
        f"audit_auditevent_none_{THIS_MONTH:%Y_%m}": 1,
    }
    code, report = verify()
    assert (code, report["ok"], report["events"]) == (0, True, 8)
    assert {c: v["events"] for c, v in report["chains"].items()} == {"": 1, "CA": 2, "US": 5}


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET action = 'x'",
        "DELETE FROM audit_auditevent",
        "UPDATE audit_auditevent_us_{month} SET data = '{{}}'",
        "DELETE FROM audit_auditevent_us_{month}",
        "TRUNCATE audit_auditevent",
        "TRUNCATE audit_auditevent_us",
        "TRUNCATE audit_auditevent_us_{month}",
    ],
)
def test_every_partition_is_append_only(monkeypatch: pytest.MonkeyPatch, statement: str) -> None:
    append("US", 2, THIS_MONTH, monkeypatch)

    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no deferred check
        cursor.execute(statement.format(month=f"{THIS_MONTH:%Y_%m}"))


@pytest.mark.parametrize("month", [THIS_MONTH, LAST_MONTH], ids=["same month", "another month"])
def test_a_chains_seq_is_taken_once_in_any_month(
    monkeypatch: pytest.MonkeyPatch, month: dt.date
) -> None:
    append("US", 2, THIS_MONTH, monkeypatch)
    first = AuditEvent.objects.get(chain="US", seq=1)
    at = dt.datetime.combine(month.replace(day=11), dt.time(9), tzinfo=dt.UTC)

    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(
            chain="US",
            seq=1,
            at=at,
            action=first.action,
            object_type=first.object_type,
            object_id=first.object_id,
            data=first.data,
            prev_hash=first.prev_hash,
            hash="f" * 64,
        )


def test_verify_finds_an_event_altered_in_a_partition(monkeypatch: pytest.MonkeyPatch) -> None:
    append("US", 3, LAST_MONTH, monkeypatch)
    drop_append_only_guard()
    AuditEvent.objects.filter(chain="US", seq=2).update(action="nothing.happened")

    code, report = verify()

    assert (code, report["broken_at"], report["problem"]) == (1, 2, "US#2 was altered")

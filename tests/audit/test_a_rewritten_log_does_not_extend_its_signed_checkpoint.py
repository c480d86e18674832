"""The attack the chain alone misses: with the triggers out of the way, delete events, re-chain
what is left and rewind the head. `vip audit verify` says intact; with yesterday's signed
checkpoint it does not (the test's transaction rolls all of it back)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection, transaction
from typer.testing import CliRunner

from vip.audit import guards
from vip.audit.models import Action, AuditEvent, Subject
from vip.audit.services import record, verify, write_checkpoint
from vip.cli import app
from vip.people.models import User
from vip.people.services import read_verifications

from tests.audit.guard import drop_append_only_guard, rechain_and_rewind
from tests.audit.story import live_a_visa

pytestmark = pytest.mark.django_db


@pytest.fixture
def checkpoint(story: dict[str, User], signing_key: Path, tmp_path: Path) -> Path:
    live_a_visa(story["anthony"], story["bishal"], story["authority"])
    out = tmp_path / "checkpoint.json"
    write_checkpoint(out)
    return out


def verify_with(checkpoint: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["audit", "verify", "--checkpoint", str(checkpoint)])
    return result.exit_code, result.output.splitlines()


@pytest.mark.owner
def test_a_fine_deleted_and_the_log_rechained_fails_against_the_checkpoint(
    checkpoint: Path, story: dict[str, User]
) -> None:
    drop_append_only_guard()
    fine = AuditEvent.objects.get(action="fine.levied")
    fine.delete()
    rechain_and_rewind(fine.chain)
    guards.install(connection)
    # Life goes on: the fine's chain grows back past its signed length, over a rewritten past.
    for _ in range(2):
        with transaction.atomic():
            record(
                actor=story["authority"],
                action=Action.SENSITIVE_READ,
                object_type=Subject.USER,
                object_id=story["bishal"].pk,
                chain=fine.chain,
            )
    assert verify().ok  # the chain alone is fooled

    code, lines = verify_with(checkpoint)

    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"audit log broken: {fine.chain}#"), lines
    assert "is not the event signed at" in lines[0]


@pytest.mark.owner
def test_events_cut_from_the_end_with_the_head_rewound_fail_against_the_checkpoint(
    checkpoint: Path,
) -> None:
    signed = AuditEvent.objects.filter(chain="US").count()
    drop_append_only_guard()
    AuditEvent.objects.filter(chain="US", seq__gt=signed - 3).delete()
    rechain_and_rewind("US")
    assert verify().ok

    code, lines = verify_with(checkpoint)

    assert code == 1
    assert len(lines) == 1
    ends = f"the log ends at US#{signed - 3}, before US#{signed}"
    assert lines[0].startswith(f"audit log broken: {ends}")


def test_a_log_that_grew_after_the_checkpoint_still_extends_it(
    checkpoint: Path, story: dict[str, User]
) -> None:
    read_verifications(reader=story["authority"], person_id=story["bishal"].pk)

    code, lines = verify_with(checkpoint)

    assert code == 0
    assert lines[0] == (
        f"audit log intact: {AuditEvent.objects.count()} events chained in 2 chain(s), "
        f"extending the checkpoint {checkpoint}"
    )
    assert [line.split(":")[0] for line in lines[1:]] == ["  chain (none)", "  chain US"]

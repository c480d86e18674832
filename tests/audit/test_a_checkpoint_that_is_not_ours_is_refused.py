"""A checkpoint edited, signed by another key, unreadable, or checked with no key configured is
a refusal (one line on stderr, exit 2), never a pass; a broken log is never signed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings
from typer.testing import CliRunner

from vip.audit import checkpoints
from vip.audit.models import AuditEvent
from vip.audit.services import write_checkpoint
from vip.cli import app
from vip.people.models import User

from tests.audit.guard import drop_append_only_guard

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(story: dict[str, User], signing_key: Path, tmp_path: Path) -> Path:
    out = tmp_path / "checkpoint.json"
    write_checkpoint(out)
    return out


def refusal(*arguments: str) -> str:
    result = CliRunner().invoke(app, list(arguments))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    return line


def test_a_checkpoint_moved_back_to_fewer_events_is_forged(signed: Path) -> None:
    fields = json.loads(signed.read_text())
    fields["heads"]["US"]["seq"] -= 1
    signed.write_text(json.dumps(fields))

    line = refusal("audit", "verify", "--checkpoint", str(signed))

    assert line.startswith("error: CHECKPOINT_FORGED:")


def test_a_checkpoint_signed_by_another_key_is_not_ours(
    signed: Path, tmp_path: Path, settings: Settings
) -> None:
    other = tmp_path / "other.key"
    checkpoints.keygen(other)
    settings.VIP_AUDIT_SIGNING_KEY = str(other)

    assert refusal("audit", "verify", "--checkpoint", str(signed)).startswith(
        "error: CHECKPOINT_OTHER_KEY:"
    )


def test_a_file_that_is_no_checkpoint_is_unreadable(signed: Path) -> None:
    signed.write_text('{"seq": "many"}')

    assert refusal("audit", "verify", "--checkpoint", str(signed)).startswith(
        "error: CHECKPOINT_UNREADABLE:"
    )


def test_without_a_configured_key_nothing_is_signed_or_checked(
    signed: Path, settings: Settings, tmp_path: Path
) -> None:
    settings.VIP_AUDIT_SIGNING_KEY = ""

    for arguments in (
        ("audit", "verify", "--checkpoint", str(signed)),
        ("audit", "checkpoint", "--out", str(tmp_path / "new.json")),
    ):
        assert refusal(*arguments).startswith("error: AUDIT_KEY_NOT_SET:")


@pytest.mark.owner
def test_a_broken_log_is_never_signed(
    story: dict[str, User], signing_key: Path, tmp_path: Path
) -> None:
    drop_append_only_guard()
    AuditEvent.objects.filter(chain="", seq=2).update(action="nothing.happened")
    out = tmp_path / "checkpoint.json"

    line = refusal("audit", "checkpoint", "--out", str(out))

    assert line == "error: AUDIT_LOG_BROKEN: not signing a broken log: #2 was altered"
    assert not out.exists()

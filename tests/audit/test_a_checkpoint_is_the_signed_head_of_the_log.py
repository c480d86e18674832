"""`vip audit keygen` and `vip audit checkpoint`: the head of a verified log, signed with a key
kept in a file outside the database, checkable by whoever holds only the public key."""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings
from typer.testing import CliRunner

from vip.audit import checkpoints
from vip.audit.models import AuditHead
from vip.cli import app
from vip.people.models import User

pytestmark = pytest.mark.django_db


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def test_keygen_writes_a_private_key_only_its_owner_reads_and_its_public_key(
    tmp_path: Path,
) -> None:
    key = tmp_path / "audit.key"

    code, out, _ = run("audit", "keygen", str(key))

    assert code == 0, out
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert isinstance(checkpoints.load_key(str(key)), checkpoints.Ed25519PrivateKey)
    assert isinstance(checkpoints.load_key(f"{key}.pub"), checkpoints.Ed25519PublicKey)
    assert run("audit", "keygen", str(key))[0] == 2  # never overwritten


def test_the_checkpoint_holds_the_head_and_verifies_with_the_public_key_alone(
    story: dict[str, User], signing_key: Path, tmp_path: Path, settings: Settings
) -> None:
    out = tmp_path / "checkpoint.json"

    code, printed, _ = run("audit", "checkpoint", "--out", str(out))

    assert code == 0, printed
    written = json.loads(out.read_text())
    assert set(written) == {"log", "heads", "at", "key_id", "signature"}
    assert written["log"] == "vip-audit-v2"
    assert written["heads"] == {
        head.chain: {"seq": head.seq, "hash": head.hash} for head in AuditHead.objects.all()
    }
    assert set(written["heads"]) == {"", "US"}
    settings.VIP_AUDIT_SIGNING_KEY = f"{signing_key}.pub"
    assert run("audit", "verify", "--checkpoint", str(out))[0] == 0


def test_a_key_made_with_openssl_signs_and_its_key_id_is_openssls_digest(
    story: dict[str, User], tmp_path: Path, settings: Settings
) -> None:
    key = tmp_path / "openssl.key"
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(key)], check=True)
    der = subprocess.run(
        ["openssl", "pkey", "-in", str(key), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    settings.VIP_AUDIT_SIGNING_KEY = str(key)
    out = tmp_path / "checkpoint.json"

    assert run("audit", "checkpoint", "--out", str(out))[0] == 0

    digest = subprocess.run(["sha256sum"], input=der, check=True, capture_output=True).stdout
    assert json.loads(out.read_text())["key_id"] == digest.decode().split()[0]

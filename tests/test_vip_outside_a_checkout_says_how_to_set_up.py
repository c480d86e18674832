"""`vip` run where there is no database says so in one line and creates nothing (issue 9): no
empty SQLite file, no traceback of "no such table"."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

VIP = str(Path(sys.executable).parent / "vip")
UNSET = ("VIP_DATABASE_URL", "VIP_VAR_DIR", "DJANGO_SETTINGS_MODULE", "VIP_TEST_DATABASE_NAME")


def run_vip(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET} | {"VIP_DEBUG": "1"}
    return subprocess.run([VIP, *arguments], cwd=folder, env=env, capture_output=True, text=True)


def test_a_command_where_no_database_exists_names_it_and_creates_none(tmp_path: Path) -> None:
    result = run_vip(tmp_path, "ledger", "check")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line == (
        f"error: no database at {tmp_path / 'var' / 'vip.sqlite3'}: `vip migrate` creates it, "
        "or set VIP_DATABASE_URL (docs/deploy.md)"
    )
    assert not (tmp_path / "var").exists()


def test_a_database_never_migrated_is_named_too(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    sqlite3.connect(tmp_path / "var" / "vip.sqlite3").close()
    result = run_vip(tmp_path, "audit", "verify")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "has no tables: `vip migrate` creates it" in line

"""`vip backup FILE` then `vip restore FILE` into an empty database: the audit log verifies, the
books balance and every table has the rows it had; on SQLite and on PostgreSQL alike (the
PostgreSQL pass runs this test again). A backup never overwrites a file, and a restore never goes
into a database that has tables: each is a refusal, one line on stderr, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from typer.testing import CliRunner

from vip import backups
from vip.cli import app
from vip.demo.people import load_story

from tests.audit.story import live_a_visa

# Backups and restores run as the tables' owner, as `vip backup` and `vip restore` do in production
# (VIP_MIGRATE_DATABASE_URL), and the owner creates the empty database.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.owner]

VIP = Path(sys.executable).with_name("vip")
COUNT_ROWS = (
    "import json; from vip.boot import django_setup; django_setup();"
    "from django.db import connection; from vip.backups import row_counts;"
    "print(json.dumps(row_counts(connection)))"
)


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A new database beside the tests' own, as VIP_DATABASE_URL names it."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    try:
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        yield f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")


def vip(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VIP_DATABASE_URL": url}
    env.pop("VIP_MIGRATE_DATABASE_URL", None)
    return subprocess.run(
        [str(VIP), *arguments], env=env, capture_output=True, text=True, check=False
    )


def row_counts(url: str) -> dict[str, int]:
    env = {**os.environ, "VIP_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-c", COUNT_ROWS], env=env, capture_output=True, text=True, check=True
    )
    counts: dict[str, int] = json.loads(done.stdout)
    return counts


def test_the_storys_backup_restores_with_its_log_its_books_and_every_row(tmp_path: Path) -> None:
    cast = load_story()
    live_a_visa(cast["anthony"], cast["bishal"], cast["authority"])
    file = tmp_path / "vip.backup"

    made = CliRunner().invoke(app, ["backup", str(file)])

    assert made.exit_code == 0, made.output
    with empty_database(tmp_path) as url:
        restored = vip(url, "restore", str(file))
        assert restored.returncode == 0, restored.stderr
        verified, books = vip(url, "audit", "verify"), vip(url, "ledger", "check")
        counts = row_counts(url)
    here = backups.row_counts(connection)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout == CliRunner().invoke(app, ["audit", "verify"]).stdout
    assert books.returncode == 0, books.stdout + books.stderr
    assert books.stdout == CliRunner().invoke(app, ["ledger", "check"]).stdout
    assert counts == here
    assert here["audit_auditevent"] > 20 and here["ledger_leg"] > 0


def test_a_backup_never_overwrites_a_file(tmp_path: Path) -> None:
    file = tmp_path / "vip.backup"
    file.write_text("yesterday's")

    refused = CliRunner().invoke(app, ["backup", str(file)])

    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"error: {file} exists: a backup never overwrites a file"
    ]
    assert file.read_text() == "yesterday's"


def test_a_restore_into_a_database_with_tables_is_refused(tmp_path: Path) -> None:
    load_story()
    file = tmp_path / "vip.backup"
    assert CliRunner().invoke(app, ["backup", str(file)]).exit_code == 0
    before = backups.row_counts(connection)

    refused = CliRunner().invoke(app, ["restore", str(file)])

    assert refused.exit_code == 2
    [line] = refused.stderr.splitlines()
    assert line.startswith("error: the database ") and "is not empty" in line
    assert backups.row_counts(connection) == before

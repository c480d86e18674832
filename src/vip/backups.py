"""`vip backup FILE` and `vip restore FILE`: a copy of the whole database that restores.

PostgreSQL: pg_dump's custom format (`pg_dump -Fc`, one consistent snapshot while the platform
runs), restored by pg_restore in one transaction. SQLite: the online backup API (a consistent copy
of the file while it is in use), restored the same way into the new file. A backup never
overwrites a file; a restore goes only into an empty database, so it cannot mix with what is
there. What was restored is proven by `vip audit verify` and `vip ledger check` (docs/deploy.md)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_HEADER = b"SQLite format 3\x00"
DUMP_HEADER = b"PGDMP"  # pg_dump's custom format
# libpq's settings that a database URL's query may carry, as the environment names them.
LIBPQ_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT"}


class BackupRefused(Exception):
    """What the operator must fix: one line, a refusal of the command."""


def backup(connection: BaseDatabaseWrapper, path: Path) -> int:
    """Write the database to `path` (which must not exist); returns its size in bytes. The copy
    is written beside it and renamed when complete, so a failed backup leaves no file."""
    if path.exists():
        raise BackupRefused(f"{path} exists: a backup never overwrites a file")
    if not path.parent.is_dir():
        raise BackupRefused(f"no folder {path.parent}")
    partial = path.with_name(f"{path.name}.partial")
    try:
        if connection.vendor == "postgresql":
            _run("pg_dump", ["--format=custom", "--file", str(partial)], connection.settings_dict)
        else:
            connection.ensure_connection()
            with sqlite3.connect(partial) as copy:
                connection.connection.backup(copy)
            copy.close()
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path.stat().st_size


def restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    """Load the backup at `path` into the connection's database, which must be empty."""
    if not path.is_file():
        raise BackupRefused(f"no backup at {path}")
    name = connection.settings_dict["NAME"]
    tables = connection.introspection.table_names()
    if tables:
        raise BackupRefused(
            f"the database {name} is not empty ({len(tables)} tables): restore into a new one"
        )
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if connection.vendor == "postgresql":
        if not header.startswith(DUMP_HEADER):
            raise BackupRefused(f"{path} is not a PostgreSQL backup (pg_dump's custom format)")
        _run(
            "pg_restore",
            ["--exit-on-error", "--single-transaction", str(path)],
            connection.settings_dict,
        )
        return
    if header != SQLITE_HEADER:
        raise BackupRefused(f"{path} is not a SQLite backup")
    connection.ensure_connection()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
        source.backup(connection.connection)
    source.close()


def row_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Each table's rows: what a backup holds, and what its restore must hold again."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _run(program: str, arguments: list[str], database: dict[str, Any]) -> None:
    """pg_dump or pg_restore on the database Django is configured for, as its role, owning and
    granting nothing (`vip migrate` grants the application's role its rows)."""
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    for option, variable in LIBPQ_OPTIONS.items():
        if option in database.get("OPTIONS", {}):
            env[variable] = str(database["OPTIONS"][option])
    where = {
        "--host": database.get("HOST"),
        "--port": database.get("PORT"),
        "--username": database.get("USER"),
    }
    command = [
        program,
        "--no-owner",
        "--no-privileges",
        *[part for flag, value in where.items() if value for part in (flag, str(value))],
        "--dbname",
        str(database["NAME"]),
        *arguments,
    ]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupRefused(f"{program} is not installed (PostgreSQL's client tools)") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise BackupRefused(f"{program} failed: {lines[0]}")

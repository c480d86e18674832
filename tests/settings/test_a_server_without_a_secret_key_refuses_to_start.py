"""With VIP_DEBUG off there is no default secret key: the server says so in one line. The demo
keeps a random key of its own under var/, so a fresh machine needs no variable."""

from __future__ import annotations

import stat
from pathlib import Path

from vip import secret_key

from tests.settings.process import BIN, run, setting


def test_vip_serve_without_a_key_stops_with_one_line(tmp_path: Path) -> None:
    done = run([str(BIN / "vip"), "serve"], tmp_path / "var")

    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: {secret_key.MISSING}"]
    assert "Traceback" not in done.stdout + done.stderr


def test_the_key_the_demo_keeps_is_random_private_and_used(tmp_path: Path) -> None:
    var = tmp_path / "var"
    secret_key.keep(var)
    secret_key.keep(var)  # a second run keeps the first key
    kept = (var / secret_key.KEY_FILE).read_text().strip()
    other = tmp_path / "other"
    secret_key.keep(other)

    assert len(kept) >= 50
    assert kept != (other / secret_key.KEY_FILE).read_text().strip()
    assert stat.S_IMODE((var / secret_key.KEY_FILE).stat().st_mode) == 0o600
    assert setting("settings.SECRET_KEY", var) == kept


def test_the_variable_wins_over_a_kept_key(tmp_path: Path) -> None:
    var = tmp_path / "var"
    secret_key.keep(var)

    assert setting("settings.SECRET_KEY", var, VIP_SECRET_KEY="x" * 50) == "x" * 50


def test_debugging_needs_no_key(tmp_path: Path) -> None:
    assert len(setting("settings.SECRET_KEY", tmp_path / "var", VIP_DEBUG="1")) >= 50

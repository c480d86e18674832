"""`vip bench startup`'s shape and options (no timing): `vip match solve` next to the bare
interpreter, and fresh demo servers on a scratch database of their own, each figure a ratio."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vip.bench import startup
from vip.cli import app


def test_vip_bench_startup_has_json_rounds_and_the_demos_size() -> None:
    result = CliRunner().invoke(app, ["bench", "startup", "--help"])
    assert result.exit_code == 0
    for option in ("--json", "--rounds", "--migrants", "--sponsors"):
        assert option in result.output


def test_match_solve_is_timed_next_to_the_bare_interpreter_and_the_command_line() -> None:
    figures = startup.solve_figures(rounds=1)
    assert [(f.name, f.size, f.baseline) for f in figures] == [
        ("vip match solve", "4 people", "python -c pass"),
        ("vip match solve", "4 people", "python -c 'import vip.cli'"),
    ]
    assert figures[0].seconds == figures[1].seconds  # one timing of the command, two baselines
    for figure in figures:
        assert figure.to_json()["ratio"] == figure.baseline_seconds / figure.seconds


def test_the_scratch_demo_keeps_to_its_folder_whatever_the_operator_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIP_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/production")
    monkeypatch.setenv("VIP_MIGRATE_DATABASE_URL", "postgres://owner@127.0.0.1:5432/production")
    monkeypatch.setenv("VIP_CACHE_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("VIP_SECRET_KEY", "the operator's")
    env = startup.scratch_environment(tmp_path)
    assert env["VIP_DATABASE_URL"] == f"sqlite:///{tmp_path / 'vip.sqlite3'}"
    assert env["VIP_VAR_DIR"] == str(tmp_path)
    assert not {"VIP_MIGRATE_DATABASE_URL", "VIP_CACHE_URL", "VIP_SECRET_KEY"} & set(env)


def test_vip_bench_startup_times_the_first_requests_of_fresh_demo_servers() -> None:
    """The whole bench on the smallest demo: a server per endpoint and round, each stopped."""
    result = CliRunner().invoke(
        app, ["bench", "startup", "--json", "--rounds", "1", "--migrants", "0", "--sponsors", "0"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["load_average"]) == 3
    rows = [(r["name"], r["baseline"]) for r in report["results"]][2:]
    trivial = "first GET /me of a fresh demo server"
    assert rows == [
        (f"first {startup.CANDIDATES} of a fresh demo server", trivial),
        (f"first {startup.OPPORTUNITIES} of a fresh demo server", trivial),
        (f"first {startup.CANDIDATES} of the demo's first start (empty numba cache)", trivial),
    ]
    assert all(r["size"] == "0 migrants, 0 sponsors" for r in report["results"][2:])
    assert "round 1: first GET /me" in result.stderr
    assert "round 1: first start, first GET /requests/{id}/candidates" in result.stderr

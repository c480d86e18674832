"""`vip bench demo`'s options, its clone, its clean environment and its baseline (the smallest
Django site started from nothing, run for real: about 10 s); no timing asserted. The whole of
`make demo` on a clone is not run here (minutes of install)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vip.bench import demo
from vip.cli import app

ROOT = Path(__file__).parents[2]


def git(folder: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(folder)]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True).stdout


def test_vip_bench_demo_has_json_and_a_source() -> None:
    result = CliRunner().invoke(app, ["bench", "demo", "--help"])
    assert result.exit_code == 0
    for option in ("--json", "--source"):
        assert option in result.output


def test_a_source_that_is_no_git_checkout_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "demo", "--source", str(tmp_path)])
    assert result.exit_code != 0
    assert "is not a git checkout" in result.output


def test_the_clone_is_of_the_worktrees_own_head(tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    repository.mkdir()
    git(repository, "init", "--quiet", "--initial-branch", "main")
    (repository / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["numpy==2.0", "Django==5.2.19"]\n'
    )
    git(repository, "add", "-A")
    git(repository, "commit", "--quiet", "-m", "main")
    git(repository, "worktree", "add", "--quiet", "-b", "mine", str(tmp_path / "mine"))
    (tmp_path / "mine" / "only-mine").write_text("")
    git(tmp_path / "mine", "add", "-A")
    git(tmp_path / "mine", "commit", "--quiet", "-m", "mine")
    commit = demo.clone(tmp_path / "mine", tmp_path / "clone")
    assert commit == git(tmp_path / "mine", "rev-parse", "HEAD").strip()
    assert (tmp_path / "clone" / "only-mine").exists()
    assert demo.pinned_django(tmp_path / "clone" / "pyproject.toml") == "Django==5.2.19"


def test_the_fresh_start_has_none_of_the_operators_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIP_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/production")
    monkeypatch.setenv("PYTHONPATH", "src")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "vip.settings")
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "warm"))
    env = demo.fresh_environment(tmp_path / "pip")
    assert not [k for k in env if k.startswith("VIP_")]
    assert not demo.OPERATORS_OWN & set(env)
    if sys.prefix != sys.base_prefix:  # run from a venv: its bin is not the new user's
        assert str(Path(sys.prefix) / "bin") not in env["PATH"].split(":")
    assert env["PIP_CACHE_DIR"] == str(tmp_path / "pip")


def test_the_baseline_is_a_fresh_django_site_answering_and_then_stopped(tmp_path: Path) -> None:
    django = demo.pinned_django(ROOT / "pyproject.toml")
    started = demo.baseline(tmp_path, demo.fresh_environment(tmp_path / "pip"), django)
    assert started.answered > started.installed > 0
    assert started.venv_mb > 1
    assert (tmp_path / "manage.py").exists()
    processes = subprocess.run(["ps", "-eo", "args"], check=True, capture_output=True, text=True)
    assert str(tmp_path / ".venv") not in processes.stdout  # the server's group stopped
    figures = demo.figures("0" * 40, django, started, started)
    assert [f.baseline for f in figures] == [
        f"{demo.BASELINE.format(django=django)}, until / answers 200",
        f"a fresh venv, pip install {django}",
    ]
    assert [f.ratio for f in figures] == [1.0, 1.0]


def running(marker: str) -> int:
    ps = subprocess.run(["ps", "-eo", "args"], check=True, capture_output=True, text=True)
    return sum(line.strip() == marker for line in ps.stdout.splitlines())


def test_a_start_is_stopped_with_every_process_it_started_even_when_interrupted(
    tmp_path: Path,
) -> None:
    """What make starts (the demo, its worker) goes with it, on Ctrl-C too."""
    marker = f"sleep 300.{os.getpid()}"
    command = ["sh", "-c", f"{marker} & {marker}"]
    with (
        pytest.raises(KeyboardInterrupt),
        demo.group(command, tmp_path, demo.fresh_environment(tmp_path), tmp_path / "log"),
    ):
        for _ in range(200):
            if running(marker) == 2:
                break
            time.sleep(0.05)
        assert running(marker) == 2
        raise KeyboardInterrupt
    assert running(marker) == 0

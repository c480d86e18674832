"""`make demo` installs the platform's dependencies, not the dev toolchain; the test targets add it
(issue 13: the toolchain was most of a fresh demo's setup time)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def planned(target: str, venv: Path) -> str:
    """The commands make would run for a target on a machine with no venv yet (dry run)."""
    return subprocess.run(
        ["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def test_the_demo_installs_the_platform_without_the_dev_extras(tmp_path: Path) -> None:
    plan = planned("demo", tmp_path / "venv")
    assert "pip install --quiet -e ." in plan
    assert "[dev]" not in plan


def test_the_tests_install_the_dev_extras_on_top(tmp_path: Path) -> None:
    plan = planned("lint", tmp_path / "venv")
    assert plan.index("pip install --quiet -e .\n") < plan.index("pip install --quiet -e '.[dev]'")

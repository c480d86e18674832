"""The `matching` library is a dev-only baseline: without it `vip bench matching` says which extra
to install, in one line, and the product itself never needs it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vip.cli import app


def test_vip_bench_matching_without_the_library_is_one_line_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matching", None)  # `import matching` now fails
    monkeypatch.setitem(sys.modules, "matching.games", None)
    result = CliRunner().invoke(app, ["bench", "matching", "--quick"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: the `matching` library is missing: pip install 'vip-platform[dev]'\n"
    )
    assert result.stdout == ""


def test_the_vip_command_loads_no_benchmark_until_a_bench_command_runs() -> None:
    code = (
        "import sys\n"
        "import vip.cli\n"
        "loaded = [m for m in sys.modules if m.startswith('vip.bench') or m == 'matching']\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

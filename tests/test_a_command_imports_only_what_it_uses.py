"""Starting `vip` loads no heavy library: numba, Dask, matplotlib and Django load only in the
commands that use them, so a small command answers in a fraction of a second (issue 13)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("numba", "dask", "distributed", "matplotlib", "django", "numpy")

LOADED = """
import json, sys
from vip.cli import app
from typer.main import get_command
get_command(app)
print(json.dumps(sorted({{m.partition(".")[0] for m in sys.modules}} & set({heavy!r}))))
"""


def test_starting_the_command_line_loads_no_heavy_library() -> None:
    run = subprocess.run(
        [sys.executable, "-c", LOADED.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(run.stdout) == []


def test_match_solve_on_a_small_market_loads_neither_django_nor_numba_nor_numpy(
    tmp_path: Path,
) -> None:
    """A handful of people are matched in plain Python (vip.matching.clearinghouse.plain)."""
    market = tmp_path / "market.json"
    market.write_text(
        json.dumps(
            {"proposers": {"a": ["x"]}, "receivers": {"x": {"capacity": 1, "ranking": ["a"]}}}
        )
    )
    probe = (
        "import sys\n"
        f"sys.argv = ['vip', 'match', 'solve', {str(market)!r}, '--json']\n"
        "from vip.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.partition('.')[0] for m in sys.modules} & "
        f"{set(HEAVY)!r}))\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-1] == "[]"
    assert '"stable": true' in run.stdout

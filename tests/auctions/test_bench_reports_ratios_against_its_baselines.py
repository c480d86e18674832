"""`vip bench auction --json`: each figure next to a baseline from the same run."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vip.cli import app


def test_bench_auction_prints_each_figure_with_its_baseline_and_ratio() -> None:
    result = CliRunner().invoke(app, ["bench", "auction", "--quick", "--no-postgres", "--json"])
    assert result.exit_code == 0
    figures = json.loads(result.stdout)["results"]
    assert {f["baseline"] for f in figures} == {
        "one numpy pass (sum)",
        "one numpy selection (np.partition at the cut-off)",
        "full np.argsort",
    }
    for figure in figures:
        assert figure["ratio"] == figure["baseline_seconds"] / figure["seconds"]

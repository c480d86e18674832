from __future__ import annotations

import json

from typer.testing import CliRunner

from vip.bench.matching import Figure
from vip.cli import app


def test_a_figure_reports_the_contract_fields_and_its_ratio_to_the_baseline() -> None:
    figure = Figure("ranking top 20 (median)", "1000000 profiles", 0.002, "numpy pass", 0.001)
    assert figure.to_json() == {
        "name": "ranking top 20 (median)",
        "size": "1000000 profiles",
        "seconds": 0.002,
        "baseline": "numpy pass",
        "baseline_seconds": 0.001,
        "note": "",
        "ratio": 0.5,
    }
    assert "ratio 0.50x" in figure.line()


def test_vip_bench_has_a_matching_command_with_json_and_quick() -> None:
    result = CliRunner().invoke(app, ["bench", "matching", "--help"])
    assert result.exit_code == 0
    assert "--json" in result.output
    assert "--quick" in result.output


def test_every_bench_command_prints_one_json_object_or_a_line_per_figure() -> None:
    from vip.bench.matching import shown

    figures = [Figure("a", "1 bid", 2.0, "sum", 1.0), Figure("b", "2 bids", 1.0, "sum", 1.0)]
    assert json.loads(shown(figures, as_json=True)) == {"results": [f.to_json() for f in figures]}
    assert shown(figures, as_json=False).splitlines() == [f.line() for f in figures]

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Cli, CliJson


def test_a_scenario_file_starts_from_a_preset_and_overrides_inputs(
    cli_json: CliJson, tmp_path: Path
) -> None:
    scenario = tmp_path / "half-bid.yaml"
    scenario.write_text(
        "name: half-bid\npreset: radical-markets-auction\ninputs:\n"
        "  auction.bid_per_year: {value: 3000, unit: USD per year, source: my guess}\n"
    )
    data = cli_json("simulate", str(scenario))
    assert data["scenario"] == "half-bid"
    assert data["price_per_migrant_year"] == pytest.approx(3000)


def test_a_scenario_file_with_an_unknown_key_names_it(cli: Cli, tmp_path: Path) -> None:
    scenario = tmp_path / "bad.yaml"
    scenario.write_text("preset: vip-us\ninputs:\n  vip.sponsorz: 5\n")
    code, _, stderr = cli("simulate", str(scenario))
    assert code == 2
    assert "vip.sponsorz" in stderr

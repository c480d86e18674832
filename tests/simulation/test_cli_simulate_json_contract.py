from __future__ import annotations

import pytest

from .conftest import CliJson

CONTRACT = {
    "scenario",
    "mode",
    "mechanism",
    "migrants",
    "price_per_migrant_year",
    "host_income_change_pct",
    "dividend_per_citizen_year",
    "gain_per_family_of_four_year",
    "gain_per_sponsor_year",
    "sponsor_participation_rate",
    "migrant_net_gain_year",
    "migrant_income_multiple",
    "global_income_change_pct",
    "native_wage_change_pct",
    "inequality",
    "inputs",
}


@pytest.mark.parametrize("preset", ["radical-markets-auction", "radical-markets-global", "vip-us"])
def test_every_preset_prints_the_contracts_keys_in_accounting_mode(
    cli_json: CliJson, preset: str
) -> None:
    data = cli_json("simulate", "--preset", preset)
    assert set(data) >= CONTRACT
    assert data["mode"] == "accounting"
    assert set(data["inequality"]) == {"before", "after"}  # type: ignore[arg-type]


def test_equilibrium_mode_prints_the_contracts_keys_and_the_curves(cli_json: CliJson) -> None:
    data = cli_json("simulate", "--preset", "vip-us", "--mode", "equilibrium", "--agents", "4000")
    assert set(data) >= CONTRACT
    assert data["mode"] == "equilibrium"
    assert data["mechanism"] == "vip"
    assert {"migrants", "supply_price", "demand_price"} <= set(data["curves"])  # type: ignore[arg-type]
    assert data["inputs"]["simulation.agents"] == 4000  # type: ignore[index]


def test_set_overrides_an_input_and_the_figures_follow(cli_json: CliJson) -> None:
    data = cli_json(
        "simulate", "--preset", "radical-markets-auction", "--set", "auction.bid_per_year=3000"
    )
    assert data["inputs"]["auction.bid_per_year"] == 3000  # type: ignore[index]
    assert data["dividend_per_citizen_year"] == pytest.approx(1000)
    assert data["migrant_net_gain_year"] == pytest.approx(8000)


def test_a_figure_that_does_not_apply_is_null(cli_json: CliJson) -> None:
    data = cli_json("simulate", "--preset", "radical-markets-auction")
    assert data["gain_per_sponsor_year"] is None
    assert data["native_wage_change_pct"] is None

from __future__ import annotations

from pathlib import Path

from .conftest import Cli


def test_equilibrium_plots_cover_curves_deciles_migrants_and_inequality(
    cli: Cli, tmp_path: Path
) -> None:
    code, _, stderr = cli(
        "simulate", "--preset", "vip-us", "--mode", "equilibrium", "--agents", "4000",
        "--plot", str(tmp_path),
    )  # fmt: skip
    assert code == 0, stderr
    names = {path.name for path in tmp_path.iterdir()}
    for plot in ("supply_demand", "gains_by_decile", "migrant_income", "inequality"):
        assert {f"{plot}.png", f"{plot}.svg"} <= names


def test_accounting_plots_skip_what_the_mode_does_not_compute(cli: Cli, tmp_path: Path) -> None:
    code, _, stderr = cli(
        "simulate", "--preset", "radical-markets-auction", "--plot", str(tmp_path)
    )
    assert code == 0, stderr
    assert {path.name for path in tmp_path.iterdir()} == {"inequality.png", "inequality.svg"}

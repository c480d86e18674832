"""Self-regulation: as more migrants arrive, the gains to natives fall, and fewer natives choose
to sponsor them. Sweeping the pool of would-be migrants, the number
admitted rises while hosts are plentiful, then stops growing where the gain share no longer
covers the marginal host's cost; the gain per sponsor falls all along."""

from __future__ import annotations

from pathlib import Path

from .conftest import CliJson


def test_sweeping_the_pool_shows_migration_levelling_off_as_gains_fall(
    cli_json: CliJson, tmp_path: Path
) -> None:
    data = cli_json(
        "simulate", "--preset", "vip-us", "--mode", "equilibrium", "--agents", "20000",
        "--sweep", "migrants.pool=2e7:6e8:6", "--plot", str(tmp_path),
    )  # fmt: skip
    sweep = data["sweep"]
    assert isinstance(sweep, dict)
    migrants = [result["migrants"] for result in sweep["results"]]
    gains = [result["gain_per_sponsor_year"] for result in sweep["results"]]
    assert migrants == sorted(migrants)
    assert gains == sorted(gains, reverse=True)
    assert migrants[-1] == migrants[-2] < 6e8  # hosts, not the pool, set the number at the end
    assert (tmp_path / "sweep_migrants_pool.png").stat().st_size > 0
    assert (tmp_path / "sweep_migrants_pool.svg").stat().st_size > 0

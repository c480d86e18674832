"""A run started as the browser does: accounting at once, its inputs as a file `vip simulate`
reads back to the same inputs, a bad input refused naming its key, past the limit a 429."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings

from vip.analysis import services
from vip.analysis.models import RunStatus
from vip.errors import Invalid, RateLimited
from vip.simulation.inputs import load_scenario_file, scenario_text

pytestmark = pytest.mark.django_db


def test_an_accounting_run_is_done_at_once_with_the_books_arithmetic() -> None:
    run = services.start_run(address="192.0.2.1", preset="vip-us", mode="accounting", overrides={})
    assert run.status == RunStatus.DONE
    assert run.result is not None
    assert run.result["gain_per_sponsor_year"] == pytest.approx(6000)


def test_its_inputs_as_yaml_read_back_by_the_cli_to_the_same_inputs(tmp_path: Path) -> None:
    from vip.analysis.selectors import scenario_of

    run = services.start_run(
        address="192.0.2.1",
        preset="vip-us",
        mode="accounting",
        overrides={"vip.gain_share": 0.4, "vip.sponsors": 5e7},
    )
    scenario = scenario_of(run)
    path = tmp_path / "scenario.yaml"
    path.write_text(scenario_text(run.preset, scenario))
    assert load_scenario_file(path).values() == scenario.values()
    assert run.overrides == {"vip.gain_share": 0.4, "vip.sponsors": 5e7}


def test_a_bad_input_is_refused_naming_its_key() -> None:
    with pytest.raises(Invalid) as refused:
        services.start_run(
            address="192.0.2.1", preset="vip-us", mode="accounting", overrides={"vip.gain_share": 2}
        )
    assert refused.value.code == "SIMULATION_INPUT"
    assert refused.value.details["key"] == "vip.gain_share"


@override_settings(VIP_SIMULATIONS_PER_WINDOW=1)
def test_past_the_limit_an_address_is_refused_with_429() -> None:
    services.start_run(address="192.0.2.9", preset="vip-us", mode="accounting", overrides={})
    with pytest.raises(RateLimited) as refused:
        services.start_run(address="192.0.2.9", preset="vip-us", mode="accounting", overrides={})
    assert refused.value.code == "TOO_MANY_RUNS"

from __future__ import annotations

import pytest

from .conftest import Cli


@pytest.mark.parametrize(
    ("assignment", "key"),
    [
        ("host.populaton=5", "host.populaton"),
        ("host.population=-5", "host.population"),
        ("vip.gain_share=1.5", "vip.gain_share"),
        ("obligations.crime_probability=2", "obligations.crime_probability"),
        ("host.adults=many", "host.adults"),
        ("nonsense", "nonsense"),
    ],
)
def test_a_bad_set_is_one_clear_line_naming_the_key_and_status_2(
    cli: Cli, assignment: str, key: str
) -> None:
    code, stdout, stderr = cli("simulate", "--preset", "vip-us", "--set", assignment)
    assert code == 2
    assert key in stderr
    assert "Traceback" not in stderr + stdout


def test_a_bid_above_the_migrants_gain_is_nonsense(cli: Cli) -> None:
    code, _, stderr = cli(
        "simulate", "--preset", "radical-markets-auction", "--set", "auction.bid_per_year=20000"
    )
    assert code == 2
    assert "auction.bid_per_year" in stderr


def test_an_unknown_preset_is_named(cli: Cli) -> None:
    code, _, stderr = cli("simulate", "--preset", "utopia")
    assert code == 2
    assert "utopia" in stderr


def test_a_bad_mode_names_the_mode(cli: Cli) -> None:
    code, _, stderr = cli("simulate", "--preset", "vip-us", "--mode", "dream")
    assert code == 2
    assert "mode" in stderr


def test_a_bad_sweep_is_named(cli: Cli) -> None:
    code, _, stderr = cli("simulate", "--preset", "vip-us", "--sweep", "vip.sponsors=1:2")
    assert code == 2
    assert "sweep" in stderr


def test_a_sweep_through_nonsense_values_names_the_key(cli: Cli) -> None:
    code, _, stderr = cli("simulate", "--preset", "vip-us", "--sweep", "vip.gain_share=0.5:1.5:3")
    assert code == 2
    assert "vip.gain_share" in stderr


def test_a_plot_folder_that_cannot_be_written_is_one_clear_line(cli: Cli) -> None:
    code, stdout, stderr = cli("simulate", "--preset", "vip-us", "--plot", "/proc/no-such-dir")
    assert code == 2
    assert "/proc/no-such-dir" in stderr
    assert "Traceback" not in stderr + stdout


def test_a_sweep_of_more_steps_than_a_plot_can_show_is_refused(cli: Cli) -> None:
    code, _, stderr = cli("simulate", "--preset", "vip-us", "--sweep", "host.adults=1:2:100000000")
    assert code == 2
    assert "steps" in stderr

from __future__ import annotations

import pytest

from .conftest import Cli, CliJson


def test_inequality_command_gives_the_books_example_as_json(cli_json: CliJson) -> None:
    data = cli_json("inequality", "1000000", "1000")
    assert data["equalization_gain_pct"] == pytest.approx(24_950.025)
    assert set(data) == {"equalization_gain_pct", "gini", "mean_log_deviation"}


def test_inequality_command_decomposes_by_group(cli_json: CliJson) -> None:
    data = cli_json(
        "inequality",
        "35000",
        "40000",
        "2000",
        "3000",
        "--groups",
        "us,us,np,np",
        "--weights",
        "1,1,2,2",
    )
    decomposition = data["decomposition"]
    assert isinstance(decomposition, dict)
    assert decomposition["between"] + decomposition["within"] == pytest.approx(
        data["mean_log_deviation"]
    )
    assert set(decomposition["groups"]) == {"us", "np"}


def test_inequality_command_rejects_a_zero_income_with_status_2(cli: Cli) -> None:
    code, _, stderr = cli("inequality", "1000", "0")
    assert code == 2
    assert "incomes" in stderr
    assert "Traceback" not in stderr


def test_inequality_command_rejects_weights_of_the_wrong_length(cli: Cli) -> None:
    code, _, stderr = cli("inequality", "1000", "2000", "--weights", "1")
    assert code == 2
    assert "weights" in stderr

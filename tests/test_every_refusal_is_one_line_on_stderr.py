"""Every `vip` command refuses the same way: one line on stderr naming what is wrong, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vip.cli import app

# (arguments, what the line must name)
REFUSALS = [
    (["policy", "show", "XX"], "JURISDICTION_UNKNOWN"),
    (["policy", "show", "US", "--on", "soon"], "--on"),
    (["policy", "show", "US", "--on", "2000-01-01"], "PARAMETER_NOT_IN_FORCE"),
    (["policy", "shout"], "shout"),
    (["no-such-command"], "no-such-command"),
    (["simulate", "--preset", "utopia"], "utopia"),
    (["simulate", "--preset", "vip-us", "--no-such-option"], "--no-such-option"),
    (["inequality", "1", "2", "--weights", "1,x"], "weights"),
    (["inequality", "0"], "incomes"),
    (["match", "solve", "/no/such/market.json"], "/no/such/market.json"),
    (["match", "solve", "/dev/null", "--proposing", "both"], "--proposing"),
]

DATABASE_REFUSALS = [
    (["support", "accrue", "--on", "2099-01-01"], "DATE_IN_FUTURE"),
    (["visas", "complete-ended", "--on", "junk"], "--on"),
    (["createuser", "--role", "authority", "--email", "bad", "--password", "long-enough"], "EMAIL"),
    (["seed-demo"], "vip demo"),
    (["match", "round", "--cohort", "atlantis"], "authority"),
]


def assert_refused(arguments: list[str], named: str) -> None:
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and named in lines[0]


@pytest.mark.parametrize(("arguments", "named"), REFUSALS)
def test_a_command_without_the_database_refuses_in_one_line(
    arguments: list[str], named: str
) -> None:
    assert_refused(arguments, named)


@pytest.mark.parametrize(("arguments", "named"), DATABASE_REFUSALS)
def test_a_command_on_the_database_refuses_in_one_line(
    db: None, arguments: list[str], named: str
) -> None:
    assert_refused(arguments, named)


def test_an_unwritable_plot_folder_is_a_refusal_too(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert_refused(
        ["simulate", "--preset", "vip-us", "--plot", str(blocker / "plots")], str(blocker)
    )

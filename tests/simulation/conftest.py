"""Shared fixtures: a small, fast equilibrium scenario and the CLI runner."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from vip.cli import app
from vip.simulation.inputs import Scenario, load_preset

# Small enough for property tests (milliseconds per run), large enough for smooth curves.
SMALL = {"simulation.agents": 6000, "simulation.bins": 1024, "communities.count": 10}

Cli = Callable[..., tuple[int, str, str]]
CliJson = Callable[..., dict[str, object]]
SmallScenario = Callable[..., Scenario]


def _small(preset: str = "vip-us", overrides: dict[str, object] | None = None) -> Scenario:
    scenario = load_preset(preset, "equilibrium").with_values(SMALL)
    return scenario.with_values(overrides or {})


def _cli(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def _cli_json(*arguments: str) -> dict[str, object]:
    code, stdout, stderr = _cli(*arguments, "--json")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="session")
def small() -> SmallScenario:
    """A small equilibrium scenario: small(preset, {key: value})."""
    return _small


@pytest.fixture(scope="session")
def cli() -> Cli:
    """Run `vip ARGS...`: (exit code, stdout, stderr)."""
    return _cli


@pytest.fixture(scope="session")
def cli_json() -> CliJson:
    """Run `vip ARGS... --json` and parse its one JSON object."""
    return _cli_json

from __future__ import annotations

from typer.testing import CliRunner

from vip.cli import app


def test_vip_without_arguments_shows_its_commands() -> None:
    result = CliRunner().invoke(app, [])
    assert "bench" in result.output

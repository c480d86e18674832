"""The `vip` command. Django is set up only by the commands that need it."""

from __future__ import annotations

from typing import Annotated

import typer

from vip.matching import cli as matching_cli
from vip.simulation import cli as simulation_cli

app = typer.Typer(
    help="Visas between Individuals Program: the platform's command line.", no_args_is_help=True
)
bench_app = typer.Typer(
    help="Benchmarks, each figure next to its baseline measured in the same run.",
    no_args_is_help=True,
)
app.add_typer(bench_app, name="bench")


def main() -> None:
    app()


simulation_cli.register(app, bench_app)
matching_cli.register(app, bench_app)

Port = Annotated[int, typer.Option(envvar="PORT", help="Port to serve on.")]
Host = Annotated[str, typer.Option(help="Address to bind.")]

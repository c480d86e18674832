"""Commands of vip.matching, registered on the main `vip` app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from vip.matching.clearinghouse import Proposing

match_app = typer.Typer(
    help="The clearinghouse: stable matchings of sponsors and migrants.", no_args_is_help=True
)

InputFile = Annotated[Path, typer.Argument(help="The market as JSON (see docs/matching.md).")]
ProposingOption = Annotated[
    str, typer.Option("--proposing", help="Which side proposes: proposers or receivers.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


@match_app.command("solve")
def solve_command(
    input_file: InputFile, proposing: ProposingOption = "proposers", as_json: JsonFlag = False
) -> None:
    """Deferred acceptance on a JSON market; the matching optimal for the proposing side."""
    from vip.matching import instance

    if proposing not in ("proposers", "receivers"):
        raise _fail(f"--proposing must be proposers or receivers, not {proposing!r}")
    side: Proposing = "proposers" if proposing == "proposers" else "receivers"
    try:
        text = input_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(f"cannot read {input_file}: {error}") from None
    try:
        result = instance.solve(instance.parse(text), side)
    except instance.InvalidInstance as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(result))
        return
    for proposer, receiver in result["matches"].items():
        typer.echo(f"{proposer} -> {receiver if receiver is not None else '(unmatched)'}")
    typer.echo(
        f"stable: {'yes' if result['stable'] else 'no'}, blocking pairs: {result['blocking_pairs']}"
    )


# `vip match round --cohort NAME` (runs a round on the database) belongs to the Django side of
# the matching app and is registered on `match_app` there, next to its models and services.


QuickFlag = Annotated[bool, typer.Option("--quick", help="Smaller sizes: a few minutes.")]


def bench_command(as_json: JsonFlag = False, quick: QuickFlag = False) -> None:
    """Deferred acceptance and ranking, each figure next to a baseline from the same run."""
    from vip.matching import bench

    def report(figure: bench.Figure) -> None:
        if not as_json:
            typer.echo(figure.line())

    figures = bench.run(quick, report)
    if as_json:
        typer.echo(json.dumps({"results": [f.to_json() for f in figures]}))


def register(app: typer.Typer, bench: typer.Typer) -> None:
    """Add this package's commands to the `vip` app and its `bench` group."""
    app.add_typer(match_app, name="match")
    bench.command("matching")(bench_command)

"""Commands of vip.matching, registered on the main `vip` app."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from vip.errors import either
from vip.matching.clearinghouse.sides import Proposing, RoundSide
from vip.refusals import refuse, refusing

match_app = typer.Typer(
    help="The clearinghouse: stable matchings of sponsors and migrants.", no_args_is_help=True
)

InputFile = Annotated[Path, typer.Argument(help="The market as JSON (see docs/matching.md).")]
ProposingOption = Annotated[
    str, typer.Option("--proposing", help=f"Which side proposes: {either(Proposing)}.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


@match_app.command("solve")
def solve_command(
    input_file: InputFile,
    proposing: ProposingOption = Proposing.PROPOSERS,
    as_json: JsonFlag = False,
) -> None:
    """Deferred acceptance on a JSON market; the matching optimal for the proposing side."""
    from vip.matching.clearinghouse import instance

    if proposing not in set(Proposing):
        raise refuse(f"--proposing must be {either(Proposing)}, not {proposing!r}")
    try:
        text = input_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise refuse(f"cannot read {input_file}: {error}") from None
    with refusing(instance.InvalidInstance):
        result = instance.solve(instance.parse(text), Proposing(proposing))
    if as_json:
        typer.echo(json.dumps(result))
        return
    for proposer, receiver in result["matches"].items():
        typer.echo(f"{proposer} -> {receiver if receiver is not None else '(unmatched)'}")
    typer.echo(
        f"stable: {'yes' if result['stable'] else 'no'}, blocking pairs: {result['blocking_pairs']}"
    )


@match_app.command("round")
def round_command(
    cohort: Annotated[str, typer.Option("--cohort", help="The cohort: a community's code.")],
    proposing: Annotated[
        str, typer.Option("--proposing", help=f"Which side proposes: {either(RoundSide)}.")
    ] = RoundSide.MIGRANTS,
    by: Annotated[
        str | None, typer.Option("--by", help="The authority's e-mail (default: the first).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """A round on the database: rank lists from the ranking, deferred acceptance, the round
    recorded and audited, each pair an agreement offer both sides must still sign."""
    from vip.boot import django_setup

    if proposing not in set(RoundSide):
        raise refuse(f"--proposing must be {either(RoundSide)}, not {proposing!r}")
    django_setup()
    from vip.matching import services
    from vip.people.models import Role, User

    authorities = User.objects.filter(role=Role.AUTHORITY, is_active=True).order_by("pk")
    authority = authorities.filter(email__iexact=by).first() if by else authorities.first()
    if authority is None:
        raise refuse(f"no active authority {by!r}" if by else "no authority account")
    with refusing():
        held = services.run_round(
            authority=authority,
            cohort=cohort,
            proposing=RoundSide(proposing),
        )
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "round": held.pk,
                    "cohort": held.cohort,
                    "proposing": held.proposing,
                    "pairs": held.pairs,
                }
            )
        )
        return
    for pair in held.pairs:
        typer.echo(
            f"request {pair['request']} (sponsor {pair['sponsor']}) -> migrant {pair['migrant']}:"
            f" offer {pair['agreement']}, score {pair['score']:.3f}"
        )
    typer.echo(f"round {held.pk}: {len(held.pairs)} offers made in {held.cohort}")


QuickFlag = Annotated[bool, typer.Option("--quick", help="Smaller sizes: a few minutes.")]


OnlyOption = Annotated[
    str | None,
    typer.Option(
        "--only",
        help="Run one group of cases: clearinghouse, ranking or database (PostgreSQL).",
    ),
]
ScratchOption = Annotated[
    str | None,
    typer.Option(
        "--scratch",
        help="The PostgreSQL cases' scratch database, created then dropped (default vip_bench).",
    ),
]


def bench_command(
    as_json: JsonFlag = False,
    quick: QuickFlag = False,
    only: OnlyOption = None,
    scratch: ScratchOption = None,
) -> None:
    """Deferred acceptance and ranking, each figure next to a baseline from the same run."""
    from vip.bench import matching as bench
    from vip.bench.library import MissingExtra

    if only is not None and only not in bench.GROUPS:
        raise typer.BadParameter(f"one of {', '.join(bench.GROUPS)}", param_hint="--only")
    if scratch is not None and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", scratch):
        raise typer.BadParameter("lower-case letters, digits and _", param_hint="--scratch")

    def report(figure: bench.Figure) -> None:
        if not as_json:
            typer.echo(figure.line())

    with refusing(MissingExtra):
        figures = bench.run(quick, report, only, scratch)
    if as_json:
        typer.echo(bench.shown(figures, as_json=True))


def register(app: typer.Typer, bench: typer.Typer) -> None:
    """Add this package's commands to the `vip` app and its `bench` group."""
    app.add_typer(match_app, name="match")
    bench.command("matching")(bench_command)

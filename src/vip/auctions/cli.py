"""Commands of vip.auctions, registered on the main `vip` app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from vip.refusals import refuse, refusing

auction_app = typer.Typer(
    help="Quota auctions (Becker): clear one from its published inputs, verify a cleared one.",
    no_args_is_help=True,
)

InputFile = Annotated[Path, typer.Argument(help="The auction as JSON (see docs/auction.md).")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


@auction_app.command("clear")
def clear_command(input_file: InputFile, as_json: JsonFlag = False) -> None:
    """Clear an auction at one uniform price from its bids, quota, reserve, rule and seed."""
    from vip.auctions import contract

    try:
        text = input_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise refuse(f"cannot read {input_file}: {error}") from None
    with refusing(contract.InvalidInput):
        result = contract.result(contract.parse(text))
    if as_json:
        typer.echo(json.dumps(result))
        return
    winners = result["winners"]
    typer.echo(f"price: {result['price']} (minor units per visa-year)")
    typer.echo(f"winners ({len(winners)}): {', '.join(winners) if winners else '(none)'}")
    typer.echo(f"rejected below the reserve: {result['rejected_below_reserve']}")
    if "revenue" in result:
        typer.echo(
            f"revenue: {result['revenue']}, dividend per citizen: "
            f"{result['dividend_per_citizen']}, remainder: {result['dividend_remainder']}"
        )


CodeArgument = Annotated[str, typer.Argument(help="The auction's code.")]


@auction_app.command("verify")
def verify_command(code: CodeArgument) -> None:
    """Recompute a cleared auction from its published inputs and compare with the logged hash."""
    from vip.boot import django_setup

    django_setup()
    from vip.auctions.selectors import verify

    with refusing():
        found = verify(code)
    typer.echo(f"auction {found.code}")
    typer.echo(f"result hash in the audit log: {found.logged_hash or '(none)'}")
    typer.echo(f"recomputed from the published inputs: {found.recomputed_hash}")
    typer.echo(
        f"revealed seed matches its commitment: {'yes' if found.seed_matches_commitment else 'NO'}"
    )
    if not found.ok:
        raise refuse(f"auction {found.code} does not verify")
    typer.echo("verified")


QuickFlag = Annotated[
    bool, typer.Option("--quick", help="1M bids instead of 10M, 50,000 citizens instead of 1M.")
]
PostgresFlag = Annotated[
    bool,
    typer.Option(
        "--postgres/--no-postgres",
        help="The dividend on PostgreSQL (VIP_BENCH_DATABASE_URL's server, a scratch database).",
    ),
]


def bench_command(
    as_json: JsonFlag = False, quick: QuickFlag = False, postgres: PostgresFlag = True
) -> None:
    """Clearing millions of bids, next to one numpy pass, one np.partition and a full argsort;
    the social dividend posted to a million citizens, next to COPY of the same rows."""
    from vip.bench import auction
    from vip.bench.matching import shown

    typer.echo(shown(auction.run(quick, postgres), as_json))


def register(app: typer.Typer, bench: typer.Typer) -> None:
    """Add this package's commands to the `vip` app and its `bench` group."""
    app.add_typer(auction_app, name="auction")
    bench.command("auction")(bench_command)

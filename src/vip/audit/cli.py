"""Commands of vip.audit, registered on the main `vip` app: the log's verification and its
signed checkpoints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from vip.boot import django_setup
from vip.refusals import refusing

audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


@audit_app.command("keygen")
def keygen_command(
    key_file: Annotated[Path, typer.Argument(help="Where to write the private key (PEM).")],
) -> None:
    """Create the checkpoints' Ed25519 key: FILE (private, mode 0600) and FILE.pub."""
    from vip.audit import checkpoints

    with refusing():
        key_id = checkpoints.keygen(key_file)
    typer.echo(f"wrote {key_file} and {key_file}.pub (key id {key_id})")
    typer.echo(f"keep {key_file} off the database host; set VIP_AUDIT_SIGNING_KEY={key_file}")


@audit_app.command("checkpoint")
def checkpoint_command(
    out: Annotated[Path, typer.Option("--out", help="Where to write the signed checkpoint.")],
) -> None:
    """Sign the head of the verified log with VIP_AUDIT_SIGNING_KEY (run daily; publish it)."""
    django_setup()
    from vip.audit.services import write_checkpoint

    with refusing():
        checkpoint = write_checkpoint(out)
    chains = len(checkpoint.heads)
    typer.echo(f"signed {checkpoint.seq} events in {chains} chain(s) at {checkpoint.at} into {out}")


@audit_app.command("verify")
def verify_command(
    checkpoint: Annotated[
        Path | None,
        typer.Option("--checkpoint", help="A signed checkpoint the log must extend."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Recompute the audit log's hash chain; exit 1 at the first event that does not fit."""
    django_setup()
    from vip.audit.services import verify, verify_against

    with refusing():
        result = verify() if checkpoint is None else verify_against(checkpoint)
    if as_json:
        summary = {"events": result.events, "broken_at": result.broken_at}
        broken = {"chain": result.chain, "problem": result.problem}
        chains = {head.chain: {"events": head.seq, "head": head.hash} for head in result.heads}
        typer.echo(json.dumps({"ok": result.ok, **summary, **broken, "chains": chains}))
    elif result.ok:
        extends = f", extending the checkpoint {checkpoint}" if checkpoint else ""
        many = len(result.heads)
        typer.echo(f"audit log intact: {result.events} events chained in {many} chain(s){extends}")
        for head in result.heads:
            typer.echo(
                f"  chain {head.chain or '(none)'}: {head.seq} events, head {head.hash[:16]}"
            )
    else:
        typer.echo(f"audit log broken: {result.problem}")
    if not result.ok:
        raise typer.Exit(1)


QuickFlag = Annotated[bool, typer.Option("--quick", help="4 s per case instead of 15.")]


def bench_command(as_json: JsonFlag = False, quick: QuickFlag = False) -> None:
    """Audited writes per second, 16 writers on PostgreSQL: four jurisdictions next to one."""
    from vip.bench import audit
    from vip.bench.matching import shown

    typer.echo(shown(audit.run(quick), as_json))


def register(app: typer.Typer, bench: typer.Typer) -> None:
    """Add this package's commands to the `vip` app and its `bench` group."""
    app.add_typer(audit_app, name="audit")
    bench.command("audit")(bench_command)

"""The `vip` command. Django is set up only by the commands that need it (vip.boot), so that the
simulator and the matching kernels run without it; every refusal goes through vip.refusals."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import dj_database_url
import typer
from rich.console import Console
from rich.table import Table

from vip.auctions import cli as auctions_cli
from vip.audit import cli as audit_cli
from vip.boot import django_setup
from vip.clock import today
from vip.matching import cli as matching_cli
from vip.money import Money
from vip.refusals import RefusingGroup, refuse, refusing
from vip.simulation import cli as simulation_cli

app = typer.Typer(
    help="Visas between Individuals Program: the platform's command line.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=RefusingGroup,
)
bench_app = typer.Typer(
    help="Benchmarks, each figure next to its baseline measured in the same run.",
    no_args_is_help=True,
)
policy_app = typer.Typer(help="National parameters.", no_args_is_help=True)
ledger_app = typer.Typer(help="The books.", no_args_is_help=True)
support_app = typer.Typer(help="Sponsors' support obligations.", no_args_is_help=True)
visas_app = typer.Typer(help="Visas: the daily jobs.", no_args_is_help=True)
privacy_app = typer.Typer(help="People's data: its retention.", no_args_is_help=True)
jobs_app = typer.Typer(help="The daily jobs, each once a day.", no_args_is_help=True)
for sub, name in (
    (bench_app, "bench"),
    (policy_app, "policy"),
    (ledger_app, "ledger"),
    (support_app, "support"),
    (visas_app, "visas"),
    (privacy_app, "privacy"),
    (jobs_app, "jobs"),
):
    app.add_typer(sub, name=name)
console = Console()

Port = Annotated[int, typer.Option(envvar="PORT", help="Port to serve on.")]
Host = Annotated[str, typer.Option(help="Address to bind.")]
# Click parses the date, so a bad one is a usage error (a refusal) naming --on.
On = Annotated[
    dt.datetime | None,
    typer.Option(formats=["%Y-%m-%d"], help="Date, YYYY-MM-DD; today if not given."),
]


def day_of(on: dt.datetime | None) -> dt.date:
    return on.date() if on is not None else today()


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema (SQLite under var/, or VIP_DATABASE_URL).

    With VIP_MIGRATE_DATABASE_URL (PostgreSQL, the tables' owner), migrate as the owner and grant
    the role of VIP_DATABASE_URL its rows only: it cannot then disable the audit's triggers."""
    app_role = as_owner()
    django_setup(schema=False)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)
    call_command("createcachetable")  # the rate limits' cache (settings.CACHES)
    grant_rows(app_role)


def as_owner() -> str | None:
    """With VIP_MIGRATE_DATABASE_URL (PostgreSQL, the tables' owner), connect as the owner rather
    than as VIP_DATABASE_URL's role; returns that role, to be granted its rows afterwards."""
    owner_url = os.environ.get("VIP_MIGRATE_DATABASE_URL")
    app_url = os.environ.get("VIP_DATABASE_URL")
    if not owner_url:
        return None
    os.environ["VIP_DATABASE_URL"] = owner_url
    return dj_database_url.parse(app_url).get("USER") if app_url else None


def grant_rows(app_role: str | None) -> None:
    """The application's role reads and writes rows and owns nothing (audit/guards.py)."""
    from django.db import connection

    from vip.audit import guards

    if app_role and connection.vendor == "postgresql":
        guards.grant_app_role(connection, app_role)


BackupFile = Annotated[Path, typer.Argument(help="The backup file.")]


@app.command()
def backup(file: BackupFile) -> None:
    """Back the database up to FILE (never overwritten) while the platform runs: PostgreSQL's
    pg_dump in its custom format, SQLite's online backup. docs/deploy.md: schedule and drill."""
    as_owner()
    django_setup()
    from django.db import connection

    from vip import backups

    with refusing(backups.BackupRefused):
        size = backups.backup(connection, file)
    rows = backups.row_counts(connection)
    console.print(
        f"Backed up {connection.settings_dict['NAME']} to {file} ({size:,} bytes):"
        f" {len(rows)} tables, {sum(rows.values()):,} rows."
    )


@app.command()
def restore(file: BackupFile) -> None:
    """Restore FILE into an empty database (a new SQLite file, or one `createdb` made); then
    prove it with `vip audit verify` and `vip ledger check`."""
    app_role = as_owner()
    django_setup(schema=False)
    from django.db import connection

    from vip import backups

    with refusing(backups.BackupRefused):
        backups.restore(connection, file)
    grant_rows(app_role)
    rows = backups.row_counts(connection)
    console.print(
        f"Restored {file} into {connection.settings_dict['NAME']}:"
        f" {len(rows)} tables, {sum(rows.values()):,} rows."
    )


@app.command()
def serve(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    production: Annotated[
        bool, typer.Option("--production", help="gunicorn, one process per worker.")
    ] = False,
    workers: Annotated[
        int | None, typer.Option(min=1, help="gunicorn workers (default: 2 per core + 1).")
    ] = None,
) -> None:
    """Serve the portal and the API (the embedded server; --production: gunicorn)."""
    django_setup()
    if production:
        from vip import server

        chosen = workers or server.default_workers()
        console.print(f"Serving on [bold]http://{host}:{port}/[/bold] with {chosen} workers")
        server.serve(host, port, chosen)
        return
    from django.core.management import call_command

    from vip.warm import warm_server

    with console.status("Loading the ranking (compiled once, on the first start)..."):
        warm_server()
    console.print(f"Serving on [bold]http://{host}:{port}/[/bold]  (API docs: /api/v1/docs)")
    call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True)


@app.command()
def worker(
    batch: Annotated[bool, typer.Option(help="Run the tasks queued now, then stop.")] = False,
) -> None:
    """Run the background tasks (the notices' e-mails, the daily jobs) until stopped."""
    django_setup()
    from django.core.management import call_command

    from vip.jobs.tasks import schedule_all

    schedule_all()  # each daily job's next run; a day's job runs once however many are queued

    call_command("db_worker", batch=batch, no_startup_delay=True, verbosity=0)


@app.command()
def demo(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    migrants: Annotated[int, typer.Option(help="Synthetic migrants.")] = 3000,
    sponsors: Annotated[int, typer.Option(help="Synthetic sponsors.")] = 300,
) -> None:
    """Migrate, load the seeds' story, its extras and synthetic people (once), and serve, under
    the demo's law (src/vip/demo/parameters.yaml, laid over the jurisdictions' parameters)."""
    prepare_demo(migrants=migrants, sponsors=sponsors)
    with worker_beside():
        serve(host=host, port=port, production=False, workers=None)


def prepare_demo(*, migrants: int, sponsors: int) -> None:
    """What `vip demo` does before it serves (`vip bench startup` too, on a scratch database)."""
    from vip import secret_key
    from vip.demo.law import use_demo_law

    use_demo_law()  # first: the worker started beside the server inherits it too

    secret_key.keep(secret_key.var_dir())  # a fresh machine has no VIP_SECRET_KEY: keep one
    migrate()
    from vip.people.models import User

    if not User.objects.exists():
        from vip.demo.extras import load_demo_extras
        from vip.demo.people import load_story, load_two_markets

        with console.status("Loading the story of Anthony and Bishal..."):
            story = load_story()
            load_demo_extras(story)
            load_two_markets(story)
        seed_demo(sponsors=sponsors, migrants=migrants, seed=2018)


@contextmanager
def worker_beside() -> Iterator[subprocess.Popen[bytes]]:
    """`vip worker` in a process of its own while the demo serves, so what goes through the task
    queue (the notices' e-mails, the simulator's long runs, the daily jobs) is done there too;
    stopped with the server."""
    process = subprocess.Popen([sys.executable, "-c", "from vip.cli import main; main()", "worker"])
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


@app.command("seed-demo")
def seed_demo(
    sponsors: Annotated[int, typer.Option(min=0)] = 100,
    migrants: Annotated[int, typer.Option(min=0)] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 2018,
) -> None:
    """Add synthetic sponsors and migrants (Faker; names and languages fit each origin)."""
    django_setup()
    from vip.communities.models import Community
    from vip.demo import synthetic
    from vip.people import services
    from vip.people.models import Role, User
    from vip.web import services as portal

    authority = User.objects.filter(role=Role.AUTHORITY).order_by("pk").first()
    communities = list(
        Community.objects.filter(jurisdiction_id="US").values_list("code", flat=True)
    )
    if authority is None or not communities:
        raise refuse("run `vip demo` first (or create an authority and a US community)")
    with console.status(f"Generating {sponsors} sponsors and {migrants} migrants..."):
        s, m = synthetic.people(sponsors, migrants, communities, seed)
        created = services.import_people(actor=authority, sponsors=s, migrants=m)
        portal.confirm_addresses(
            actor=authority, users=User.objects.filter(email__in=[p["email"] for p in s + m])
        )
    console.print(f"Added {created} people (each with their own unusable password).")


@app.command()
def createuser(
    role: Annotated[str, typer.Option(help="sponsor|migrant|officer|agency|authority")],
    email: Annotated[str, typer.Option()],
    password: Annotated[str, typer.Option()],
    name: Annotated[str, typer.Option()] = "",
    community: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Create an account of any role: the only way to create staff (officer, agency, authority).
    The operator vouches for the address: the account logs in (and gets API tokens) at once."""
    django_setup()
    from vip.people import services
    from vip.people.models import User
    from vip.web import services as portal

    with refusing():
        user = services.create_account(
            email=email,
            password=password,
            role=role,
            full_name=name or email,
            birth_date=None,
            country="",
            community_code=community,
            by_operator=True,
        )
    portal.confirm_addresses(actor=None, users=User.objects.filter(pk=user.pk), by_operator=True)
    console.print(f"Created {user.role} {user.email} (id {user.pk}).")


@policy_app.command("show")
def policy_show(
    jurisdiction: str,
    on: On = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The parameters of a jurisdiction in force on a date, with units and references."""
    from vip.policy.parameters import jurisdiction as find

    day = day_of(on)
    with refusing():
        j = find(jurisdiction.upper())
        values = j.on(day)
    if as_json:
        print(
            json.dumps(
                {"jurisdiction": j.code, "on": day.isoformat(), "parameters": values.as_dict()},
                indent=2,
            )
        )
        return
    table = Table(title=f"{j.name} ({j.code}, {j.currency}) on {day}")
    for column in ("parameter", "value", "unit", "reference"):
        table.add_column(column)
    for name, value in values.as_dict().items():
        p = j.parameters[name]
        shown = str(Money(value["amount"], value["currency"])) if isinstance(value, dict) else value
        shown = str(shown)
        table.add_row(name, shown, p.unit, p.reference)
    console.print(table)


@policy_app.command("reference")
def policy_reference() -> None:
    """Print the parameter reference in Markdown (docs/parameters.md)."""
    from vip.policy.reference import markdown

    print(markdown(), end="")


def report(ok: bool, summary: dict[str, Any], as_json: bool, good: str, bad: str) -> None:
    if as_json:
        print(json.dumps({"ok": ok, **summary}))
    else:
        console.print(f"[green]{good}[/green]" if ok else f"[red]{bad}[/red]")
    if not ok:
        raise typer.Exit(1)


@ledger_app.command("check")
def ledger_check(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Prove the books balance: every transaction, and every currency, sums to zero."""
    django_setup()
    from vip.ledger.selectors import check_books

    books = check_books()
    report(
        books.ok,
        {
            "transactions": books.transactions,
            "unbalanced": books.unbalanced,
            "total_by_currency": books.total_by_currency,
        },
        as_json,
        f"books balance: {books.transactions} transactions, every currency sums to zero",
        f"books do not balance: transactions {books.unbalanced}, totals {books.total_by_currency}",
    )


@visas_app.command("complete-ended")
def visas_complete_ended(
    on: On = None,
) -> None:
    """Complete every active visa whose agreement has run its term (run daily)."""
    django_setup()
    from vip.visas.services import complete_ended_visas

    with refusing():
        ended = complete_ended_visas(day=day_of(on))
    console.print(f"completed {ended} visa(s) whose agreement ended")


@privacy_app.command("pseudonymise")
def privacy_pseudonymise(on: On = None) -> None:
    """Pseudonymise everyone whose data outlived his jurisdiction's retention (run daily)."""
    django_setup()
    from vip.privacy.services import pseudonymise_expired

    with refusing():
        done = pseudonymise_expired(day=day_of(on))
    console.print(f"pseudonymised {done} person(s) whose data outlived its retention")


@jobs_app.command("run")
def jobs_run(
    on: On = None,
    job: Annotated[str | None, typer.Option(help="One job (default: every one).")] = None,
) -> None:
    """Run the day's jobs now, each once per day (for cron; `vip worker` runs them itself)."""
    django_setup()
    from vip.jobs.models import Job
    from vip.jobs.services import run_daily

    if job is not None and job not in Job.values:
        raise refuse(f"--job must be one of {', '.join(Job.values)}, not {job!r}")
    day = day_of(on)
    for each in [Job(job)] if job else list(Job):
        with refusing():
            run = run_daily(job=each, day=day)
        done = "ran before: not run again" if run is None else f"ran: {run.outcome}"
        console.print(f"{each.value} {day}: {done}")


@support_app.command("accrue")
def support_accrue(
    on: On = None,
) -> None:
    """Post every open support obligation's months begun (run daily by the scheduler)."""
    django_setup()
    from vip.visas.services import accrue_support

    with refusing():
        months = accrue_support(actor=None, day=day_of(on))
    console.print(f"posted {months} month(s) of support")


@bench_app.command("api")
def bench_api(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    migrants: Annotated[int, typer.Option(min=1, help="Migrants seeded.")] = 100_000,
    sponsors: Annotated[int, typer.Option(min=1, help="Sponsors seeded.")] = 10_000,
    seconds: Annotated[int, typer.Option(min=1, help="Seconds of load per run.")] = 60,
    users: Annotated[list[int] | None, typer.Option(help="Users per run (50 and 200).")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="gunicorn workers.")] = None,
    database: Annotated[
        str | None,
        typer.Option(help="The scratch database, created and dropped (vip_bench_api)."),
    ] = None,
) -> None:
    """The API under load: locust against `vip serve --production` on a scratch PostgreSQL
    database, each endpoint's latency next to the trivial GET /me's from the same run."""
    from vip.bench import api
    from vip.bench.library import MissingExtra

    with refusing(MissingExtra, api.CannotRun):
        api.require_locust()
        result = api.run(
            migrants, sponsors, seconds, tuple(users or api.USERS), workers, database or api.SCRATCH
        )
    rows = result.pop("rows")
    if as_json:
        typer.echo(json.dumps({**result, "rows": [row.to_json() for row in rows]}))
        return
    typer.echo(
        f"{result['migrants']:,} migrants, {result['sponsors']:,} sponsors seeded in"
        f" {result['seeding_seconds']:.0f} s; load average {result['load_average']}"
    )
    for row in rows:
        typer.echo(row.line())


@bench_app.command("startup")
def bench_startup(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    rounds: Annotated[
        int, typer.Option(min=1, help="Fresh processes (and fresh servers) per figure.")
    ] = 3,
    migrants: Annotated[int, typer.Option(min=0, help="The demo's synthetic migrants.")] = 3000,
    sponsors: Annotated[int, typer.Option(min=0, help="The demo's synthetic sponsors.")] = 300,
) -> None:
    """Fresh processes: `vip match solve` on 4 people against the bare interpreter, and the
    first requests of a fresh demo server (scratch SQLite) against its first GET /me."""
    from vip.bench import startup
    from vip.bench.matching import shown

    figures = startup.run(rounds, migrants, sponsors, lambda line: typer.echo(line, err=True))
    load = os.getloadavg()
    if as_json:
        typer.echo(json.dumps({**json.loads(shown(figures, as_json=True)), "load_average": load}))
        return
    typer.echo(shown(figures, as_json=False))
    typer.echo(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


@bench_app.command("demo")
def bench_demo(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    source: Annotated[
        Path | None,
        typer.Option(help="The git repository whose HEAD is cloned (the checkout vip runs from)."),
    ] = None,
) -> None:
    """`make demo` on a fresh clone until / answers, next to the smallest Django site (a fresh
    venv, the pinned Django, startproject, runserver) started the same way: a few minutes."""
    from vip.bench import demo

    with refusing(demo.CannotRun):
        report = demo.run(source)
    figures = report.pop("figures")
    if as_json:
        typer.echo(json.dumps({**report, "results": [f.to_json() for f in figures]}))
        return
    for figure in figures:
        typer.echo(figure.line())
    load = report["load_average"]
    typer.echo(f"commit {report['commit']}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def main() -> None:
    app()


simulation_cli.register(app, bench_app)
audit_cli.register(app, bench_app)
matching_cli.register(app, bench_app)
auctions_cli.register(app, bench_app)

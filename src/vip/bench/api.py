"""`vip bench api`: the API under load. The production server (`vip serve --production`,
gunicorn, workers from the cores) on a scratch PostgreSQL database (`vip_bench_api`, or the name
given: `--database`) holding the seeds' story and the demo scaled up (100k migrants and 10k
sponsors by default, by COPY), loaded by locust, headless, on loopback, bounded in users and
seconds.

The mix (MIX; the locustfile is vip.bench.api_load): sponsors ranking candidates for their open
request; sponsors who found their migrant offering an agreement, which both then sign; migrants
reading their opportunities, visas, one visa and agreements, reporting events on their visa (out
of work and back: support opens and ends) and a month's earnings (the gain share posted). Every
person also reads `GET /me` -- the trivial endpoint, one token lookup and a few fields, served by
the same stack in the same run: each endpoint's p95 is reported next to it as a ratio. The seed
gives each writer what his writes need (an active visa, a target with stated earnings), so a
write refused is an error like any other. locust is a dev-only dependency, run in a process of
its own (it monkey-patches the standard library with gevent): without it the command stops with
one line naming the extra to install.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from vip.bench.database import _copy, _model_rows, _scratch_url, load_migrants, scratch_database
from vip.bench.library import MissingExtra
from vip.bench.startup import free_port
from vip.calendar import add_months

SCRATCH = "vip_bench_api"
USERS = (50, 200)
SPONSORS_WITH_TOKENS = 40  # each with an open request the load ranks candidates for
SIGNERS = 40  # sponsors offering agreements, each to his own TARGETS migrants in turn
TARGETS = 10
WRITERS = 400  # migrants with an active visa each, sponsored by the first bulk sponsors
# The writers' visas date from here, so that each run reports months of its own.
VISAS_FROM = dt.date(1996, 1, 1)
PAGE = 20  # the candidates page the load asks for
MIN_MIGRANTS = WRITERS + SIGNERS * TARGETS + 10 * PAGE  # and some to rank

TRIVIAL = "trivial GET /me"
CANDIDATES = "GET /requests/{id}/candidates"
OPPORTUNITIES = "GET /me/opportunities"
MY_VISAS = "GET /me/visas"
VISA = "GET /visas/{id}"
MY_AGREEMENTS = "GET /me/agreements"
OFFER = "POST /agreements"
SIGN = "POST /agreements/{id}/sign"
EVENT = "POST /visas/{id}/events"
EARNINGS = "POST /visas/{id}/earnings"


@dataclass(frozen=True)
class Task:
    """One task of a simulated person: picked by weight, its requests (by the names they are
    reported under) sent one after the other, then 0.5-1.5 s of thought."""

    weight: int
    requests: tuple[str, ...]


# The locust user classes of api_load, how many of each (weight), and their tasks.
MIX: dict[str, tuple[int, dict[str, Task]]] = {
    "Sponsor": (2, {"me": Task(2, (TRIVIAL,)), "candidates": Task(4, (CANDIDATES,))}),
    "Signer": (1, {"me": Task(2, (TRIVIAL,)), "offer": Task(2, (OFFER, SIGN, SIGN))}),
    "Migrant": (
        5,
        {
            "me": Task(2, (TRIVIAL,)),
            "opportunities": Task(2, (OPPORTUNITIES,)),
            "visas": Task(1, (MY_VISAS,)),
            "visa": Task(1, (VISA,)),
            "agreements": Task(1, (MY_AGREEMENTS,)),
            "event": Task(1, (EVENT, EVENT)),
            "earnings": Task(1, (EARNINGS,)),
        },
    ),
}
WRITES = (OFFER, SIGN, EVENT, EARNINGS)


def offer_terms(migrant: int, on: dt.date) -> dict[str, Any]:
    """What a signer's `POST /agreements` sends: the seeds' terms, a year from `on`."""
    return {
        "migrant": migrant,
        "start_date": on.isoformat(),
        "duration_months": 12,
        "annual_pay": {"amount": 12_000_00, "currency": "USD"},
        "housing": "spare room",
        "work": "for_sponsor",
        "gain_share": "1/2",
        "sector": "construction",
    }


# A migrant's events: out of work and back the same day (support opens, a month posted, and
# ends); the visa stays active, so the next task finds it as this one did.
EVENTS = ("unemployed", "employed")


def event_report(kind: str, on: dt.date) -> dict[str, Any]:
    return {"kind": kind, "occurred_on": on.isoformat(), "details": {}}


def earnings_report(first_month: str, months_after: int) -> dict[str, Any]:
    """A month's earnings, `months_after` the visa's first month: $2,500, above the baseline."""
    month = add_months(dt.date.fromisoformat(first_month), months_after)
    return {"month": month.isoformat(), "amount": {"amount": 2_500_00, "currency": "USD"}}


class CannotRun(ValueError):
    """A run that cannot be made as asked: fewer people than the load's writers, targets and
    candidates need, a database name that is not a plain identifier, or a seed whose ranking
    sponsors do not each see a full page of candidates."""


def require_locust() -> None:
    if importlib.util.find_spec("locust") is None:  # not imported: it patches with gevent
        raise MissingExtra("locust is missing: pip install 'vip-platform[dev]'")


@dataclass(frozen=True)
class Row:
    """One endpoint at one number of users: latencies in milliseconds."""

    users: int
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float
    trivial_p95: float
    failed: tuple[str, ...] = ()  # each failure's status and reason code, and how many

    @property
    def error_ratio(self) -> float:
        return self.failures / self.requests if self.requests else 0.0

    @property
    def p95_ratio(self) -> float:
        """The endpoint's p95 over the trivial endpoint's (1: as fast as /me)."""
        return self.p95 / self.trivial_p95 if self.trivial_p95 else float("inf")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "error_ratio": self.error_ratio, "p95_ratio": self.p95_ratio}

    def line(self) -> str:
        return (
            f"{self.users:>4} users  {self.name:<30} p50 {self.p50:>6.0f} ms  p95 {self.p95:>6.0f}"
            f"  p99 {self.p99:>6.0f}  {self.rps:>7.1f} req/s  errors {self.error_ratio:.2%}"
            f"  p95 {self.p95_ratio:.2f}x trivial"
            + (f"  ({', '.join(self.failed)})" if self.failed else "")
        )


def seed(migrants: int, sponsors: int) -> dict[str, Any]:
    """The story, the bulk people by COPY (migrants verified: the ranking lists only those), the
    writers' visas, and the people the load acts as, with their tokens."""
    from django.core.management import call_command
    from django.db import connection

    from vip.demo.people import load_story
    from vip.people import services as people
    from vip.people.models import MigrantProfile, Role, User

    call_command("createcachetable")  # as `vip migrate` does (settings.CACHES)
    story = load_story()
    load_migrants(migrants, identity=True)
    load_sponsors(sponsors)
    bulk = User.objects.filter(email__endswith="@bench.example").order_by("pk")
    migrant_ids = list(bulk.filter(role=Role.MIGRANT).values_list("pk", flat=True)[: WRITERS * 2])
    sponsor_ids = list(
        bulk.filter(role=Role.SPONSOR).values_list("pk", flat=True)[: WRITERS + SIGNERS]
    )
    writers, targets = migrant_ids[:WRITERS], migrant_ids[WRITERS : WRITERS + SIGNERS * TARGETS]
    visas = load_visas(dict(zip(writers, sponsor_ids[:WRITERS], strict=True)))
    # the offers' baseline: a migrant states his home earnings before an offer is made to him
    MigrantProfile.objects.filter(user_id__in=targets).update(home_annual_earnings=2400_00)
    people_by_pk = User.objects.in_bulk([*writers, *targets, *sponsor_ids[WRITERS:]])
    token = {pk: people.issue_token(user=people_by_pk[pk]) for pk in [*writers, *targets]}
    holders = [ranking_sponsor(story, n) for n in range(SPONSORS_WITH_TOKENS)]
    for n, signer in enumerate(sponsor_ids[WRITERS:]):
        mine = targets[n * TARGETS : (n + 1) * TARGETS]
        holders.append(
            {
                "role": "signer",
                "token": people.issue_token(user=people_by_pk[signer]),
                "targets": [{"id": pk, "token": token[pk]} for pk in mine],
            }
        )
    holders += [
        {"role": "migrant", "token": token[pk], "visa": visas[pk], "first_month": str(VISAS_FROM)}
        for pk in writers
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner sees the bulk rows, as after a real import
    return {"people": holders}


def ranking_sponsor(story: dict[str, Any], n: int) -> dict[str, Any]:
    """A verified sponsor with an open request, the load ranks candidates for."""
    from vip.matching import services as matching
    from vip.matching.ranking.records import Level
    from vip.matching.services import LanguageNeed, RequestCriteria, SectorNeed
    from vip.people import services as people
    from vip.people.models import Role, VerificationKind, VerificationResult

    sponsor = people.create_account(
        email=f"load-sponsor{n}@bench.example",
        password=secrets.token_urlsafe(16),  # the load uses its token only
        role=Role.SPONSOR,
        full_name=f"Load sponsor {n}",
        birth_date=story["anthony"].birth_date,
        country="US",
        citizenship="US",
        community_code="springfield",
        by_operator=True,
    )
    for kind in (VerificationKind.IDENTITY, VerificationKind.CITIZENSHIP):
        people.record_verification(
            authority=story["authority"],
            person_id=sponsor.pk,
            kind=kind,
            result=VerificationResult.CLEAR,
        )
    request = matching.create_request(
        user=sponsor,
        sponsor=sponsor,
        criteria=RequestCriteria(
            languages=(LanguageNeed("en", Level.B1),),
            sectors=(SectorNeed(("construction", "agriculture", "care")[n % 3], 1),),
            age_min=21,
            age_max=45,
            clean_record=True,
        ),
    )
    return {"role": "sponsor", "token": people.issue_token(user=sponsor), "request": request.pk}


def load_visas(sponsor_of: dict[int, int]) -> dict[int, int]:
    """Each migrant's active visa with his sponsor, on an agreement used up by it, by COPY (a
    signed agreement, an application approved, an arrival: their status changes too); the
    migrant -> his visa's id."""
    from vip.agreements.models import Agreement, AgreementStatus, Work
    from vip.people.models import User
    from vip.visas.models import Event, Procedure, Status, StatusChange, Visa

    at = dt.datetime.combine(VISAS_FROM, dt.time(), tzinfo=dt.UTC)
    pairs = list(sponsor_of.items())
    community = dict(User.objects.filter(pk__in=sponsor_of.values()).values_list("pk", "community"))
    jurisdiction = dict(
        User.objects.filter(pk__in=sponsor_of.values()).values_list("pk", "community__jurisdiction")
    )
    _copy(
        *_model_rows(
            Agreement,
            {
                "created_at": at,
                "start_date": VISAS_FROM,
                "duration_months": 600,  # still running today
                "annual_pay": 12_000_00,
                "currency": "USD",
                "housing": "spare room",
                "work": Work.FOR_SPONSOR,
                "sector": "construction",
                "home_annual_earnings": 2400_00,
                "stated_home_earnings": 2400_00,
                "stated_home_currency": "USD",
                "rate_effective": VISAS_FROM,
                "rate_source": "bench",
                "gain_share_numerator": 1,
                "gain_share_denominator": 2,
                "status": AgreementStatus.USED,
                "sponsor_signed_at": at,
                "migrant_signed_at": at,
            },
            lambda i: {
                "sponsor_id": pairs[i][1],
                "migrant_id": pairs[i][0],
                "created_by_id": pairs[i][1],
            },
            len(pairs),
        )
    )
    agreement = dict(
        Agreement.objects.filter(migrant_id__in=sponsor_of).values_list("migrant_id", "pk")
    )
    _copy(
        *_model_rows(
            Visa,
            {
                "status": Status.ACTIVE,
                "outcome": "approved",
                "applied_at": at,
                "decided_at": at,
            },
            lambda i: {
                "agreement_id": agreement[pairs[i][0]],
                "sponsor_id": pairs[i][1],
                "migrant_id": pairs[i][0],
                "community_id": community[pairs[i][1]],
                "jurisdiction_id": jurisdiction[pairs[i][1]],
                "applied_by_id": pairs[i][0],
            },
            len(pairs),
        )
    )
    visa = dict(Visa.objects.filter(migrant_id__in=sponsor_of).values_list("migrant_id", "pk"))
    steps = [
        ("", Status.APPROVED, Procedure.APPLIED),
        (Status.APPROVED, Status.ACTIVE, Event.ARRIVED),
    ]
    _copy(
        *_model_rows(
            StatusChange,
            {"at": at, "reason": ""},
            lambda i: {
                "visa_id": visa[pairs[i // 2][0]],
                "jurisdiction_id": jurisdiction[pairs[i // 2][1]],
                "from_status": steps[i % 2][0],
                "to_status": steps[i % 2][1],
                "event": steps[i % 2][2],
                "actor_id": pairs[i // 2][i % 2],  # he applied, his sponsor reported the arrival
            },
            2 * len(pairs),
        )
    )
    return visa


def load_sponsors(n: int) -> None:
    """n US sponsors in Springfield and Riverside, verified citizens, by COPY."""
    from vip.communities.models import Community
    from vip.people.models import Role, User

    communities = list(Community.objects.filter(jurisdiction_id="US").values_list("pk", flat=True))
    now = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    _copy(
        *_model_rows(
            User,
            {
                "password": "!",
                "role": Role.SPONSOR,
                "is_active": True,
                "date_joined": now,
                "country": "US",
                "citizenship": "US",
                "birth_date": dt.date(1980, 1, 1),
            },
            lambda i: {
                "username": f"s{i}@bench.example",
                "email": f"s{i}@bench.example",
                "community_id": communities[i % len(communities)],
            },
            n,
        )
    )


def _status(url: str, token: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
            return int(r.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@contextmanager
def production_server(workers: int | None, database: str) -> Iterator[str]:
    """`vip serve --production` on a free loopback port and the scratch database; its URL once
    every worker has warmed its ranking (gunicorn's post_worker_init) and answers."""
    port = free_port()
    env = {
        **os.environ,
        "VIP_DATABASE_URL": _scratch_url(database),
        "VIP_DEBUG": "0",
        # Each search is still counted (its queries are in the figures), the limit out of reach:
        # the load's people search many times a minute, to be measured, not refused.
        "VIP_SEARCHES_PER_WINDOW": str(10**9),
    }
    command = [sys.executable, "-c", "from vip.cli import main; main()", "serve", "--production"]
    command += ["--port", str(port)] + (["--workers", str(workers)] if workers else [])
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the production server stopped ({process.returncode})")
            try:
                if _status(f"{url}/api/v1/me") == 401:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the production server did not answer in 10 minutes")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)


def _get(url: str, token: str) -> Any:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return json.load(r)


def warm(url: str, cast: dict[str, Any], rounds: int) -> None:
    """Each read of the mix a few times, so no worker meets its first request under load; and
    every ranking sponsor's page of candidates full, or the seed does not fit the load."""
    for sponsor in (p for p in cast["people"] if p["role"] == "sponsor"):
        path = f"{url}/api/v1/requests/{sponsor['request']}/candidates?limit={PAGE}"
        shown = len(_get(path, sponsor["token"])["results"])
        if shown < PAGE:
            raise CannotRun(f"request {sponsor['request']} has {shown} candidates, not {PAGE}")
    migrant = next(p for p in cast["people"] if p["role"] == "migrant")
    for _ in range(rounds):
        _status(f"{url}/api/v1/me/opportunities", migrant["token"])
        _status(f"{url}/api/v1/visas/{migrant['visa']}", migrant["token"])


def months_for_each_run(runs: int, on: dt.date) -> int:
    """How many of the writers' months each run reports in: the months from VISAS_FROM to the
    last ended one, shared out, so that no run reports a month another has."""
    ended = (on.year - VISAS_FROM.year) * 12 + on.month - VISAS_FROM.month
    return ended // runs


def run_locust(
    url: str, cast: dict[str, Any], users: int, seconds: int, out: Path, months_from: int
) -> list[Row]:
    """One headless locust run (its writers' earnings from the month `months_from` after
    VISAS_FROM); its per-endpoint statistics."""
    prefix = out / f"u{users}"
    cast_file = out / f"cast-u{users}.json"
    cast_file.write_text(json.dumps({**cast, "months_from": months_from}))
    command = [
        sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("api_load.py")),
        "--headless", "--only-summary", "--host", url, "-u", str(users), "-r", str(users),
        "-t", f"{seconds}s", "--stop-timeout", "120", "--csv", str(prefix), "--loglevel", "ERROR",
    ]  # fmt: skip
    # --stop-timeout: a task under way ends (an offer is signed, a person back at work) before
    # the run stops, so the next run starts from settled people.
    env = {**os.environ, "VIP_BENCH_API_CAST": str(cast_file)}
    # locust's own summary goes to stderr, the figures come from its CSV
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)
    return read_stats(Path(f"{prefix}_stats.csv"), users)


def read_stats(path: Path, users: int) -> list[Row]:
    """locust's `_stats.csv` as rows, each with its failures from the `_failures.csv` beside."""
    with path.open() as f:
        entries = [e for e in csv.DictReader(f) if e["Name"] != "Aggregated"]
    failures = path.with_name(path.name.replace("_stats.csv", "_failures.csv"))
    failed: dict[str, list[str]] = {}
    if failures.exists():
        with failures.open() as f:
            for e in csv.DictReader(f):
                failed.setdefault(e["Name"], []).append(f"{e['Error']} x{e['Occurrences']}")
    trivial = next((float(e["95%"]) for e in entries if e["Name"] == TRIVIAL), 0.0)
    return [
        Row(
            users=users,
            name=e["Name"],
            requests=int(e["Request Count"]),
            failures=int(e["Failure Count"]),
            p50=float(e["50%"]),
            p95=float(e["95%"]),
            p99=float(e["99%"]),
            rps=float(e["Requests/s"]),
            trivial_p95=trivial,
            failed=tuple(failed.get(e["Name"], ())),
        )
        for e in entries
    ]


def run(
    migrants: int, sponsors: int, seconds: int, users: tuple[int, ...] = USERS,
    workers: int | None = None, database: str = SCRATCH,
) -> dict[str, Any]:  # fmt: skip
    require_locust()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", database):  # put in CREATE DATABASE as it is
        raise CannotRun(f"--database: {database!r} is not a lower-case SQL identifier")
    if migrants < MIN_MIGRANTS or sponsors < WRITERS + SIGNERS:
        raise CannotRun(
            f"the load needs at least {MIN_MIGRANTS:,} migrants and {WRITERS + SIGNERS:,} sponsors"
        )
    # a scratch database of made-up people: a key of the run's own where none is configured
    os.environ.setdefault("VIP_SECRET_KEY", secrets.token_urlsafe(50))
    with scratch_database(database), tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        cast = seed(migrants, sponsors)
        seeding = time.perf_counter() - start
        from django.db import connections

        from vip.clock import today

        connections.close_all()
        span = months_for_each_run(len(users), today())
        rows: list[Row] = []
        with production_server(workers, database) as url:
            warm(url, cast, rounds=20)
            for n, count in enumerate(users):
                rows += run_locust(url, cast, count, seconds, Path(tmp), months_from=n * span)
    return {
        "migrants": migrants,
        "sponsors": sponsors,
        "database": database,
        "seeding_seconds": seeding,
        "seconds_per_run": seconds,
        "load_average": os.getloadavg(),
        "rows": rows,
    }

"""`vip bench api`: the API under load. The production server (`vip serve --production`,
gunicorn, workers from the cores) on a scratch PostgreSQL database (`vip_bench_api`) holding the
seeds' story and the demo scaled up (100k migrants and 10k sponsors by default, by COPY), loaded by
locust, headless, on loopback, bounded in users and seconds.

The mix (vip.bench.api_load): sponsors ranking candidates for their open request, migrants reading
their opportunities, visas and offers, and everyone reading `GET /me` -- the trivial endpoint, one
token lookup and a few fields, served by the same stack in the same run: each endpoint's p95 is
reported next to it as a ratio. locust is a dev-only dependency, run in a process of its own (it
monkey-patches the standard library with gevent): without it the command stops with one line
naming the extra to install.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import secrets
import socket
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

SCRATCH = "vip_bench_api"
TRIVIAL = "trivial GET /me"
USERS = (50, 200)
SPONSORS_WITH_TOKENS = 40  # each with an open request the load ranks candidates for
MIGRANTS_WITH_TOKENS = 400


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
            f"{self.users:>4} users  {self.name:<24} p50 {self.p50:>6.0f} ms  p95 {self.p95:>6.0f}"
            f"  p99 {self.p99:>6.0f}  {self.rps:>7.1f} req/s  errors {self.error_ratio:.2%}"
            f"  p95 {self.p95_ratio:.2f}x trivial"
        )


def seed(migrants: int, sponsors: int) -> dict[str, Any]:
    """The story, the bulk people by COPY, and the people the load acts as, with their tokens."""
    from django.core.management import call_command

    from vip.demo.people import load_story
    from vip.matching import services as matching
    from vip.matching.ranking.records import Level
    from vip.matching.services import LanguageNeed, RequestCriteria, SectorNeed
    from vip.people import services as people
    from vip.people.models import Role, User, VerificationKind, VerificationResult

    call_command("createcachetable")  # as `vip migrate` does (settings.CACHES)
    story = load_story()
    authority = story["authority"]
    load_migrants(migrants)
    load_sponsors(sponsors)
    holders: list[dict[str, Any]] = []
    for n in range(SPONSORS_WITH_TOKENS):
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
                authority=authority,
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
        holders.append(
            {"role": "sponsor", "token": people.issue_token(user=sponsor), "request": request.pk}
        )
    for migrant in User.objects.filter(role=Role.MIGRANT).order_by("pk")[:MIGRANTS_WITH_TOKENS]:
        holders.append({"role": "migrant", "token": people.issue_token(user=migrant)})
    return {"people": holders}


def load_sponsors(n: int) -> None:
    """n US sponsors in Springfield and Riverside, verified citizens, by COPY."""
    import datetime as dt

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status(url: str, token: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
            return int(r.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@contextmanager
def production_server(workers: int | None) -> Iterator[str]:
    """`vip serve --production` on a free loopback port and the scratch database; its URL once
    every worker has warmed its ranking (gunicorn's post_worker_init) and answers."""
    port = _free_port()
    env = {
        **os.environ,
        "VIP_DATABASE_URL": _scratch_url(SCRATCH),
        "VIP_DEBUG": "0",
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


def warm(url: str, cast: dict[str, Any], rounds: int) -> None:
    """Each endpoint of the mix a few times, so no worker meets its first request under load."""
    sponsor = next(p for p in cast["people"] if p["role"] == "sponsor")
    migrant = next(p for p in cast["people"] if p["role"] == "migrant")
    for _ in range(rounds):
        _status(f"{url}/api/v1/requests/{sponsor['request']}/candidates", sponsor["token"])
        _status(f"{url}/api/v1/me/opportunities", migrant["token"])


def run_locust(url: str, cast_file: Path, users: int, seconds: int, out: Path) -> list[Row]:
    """One headless locust run; its per-endpoint statistics."""
    prefix = out / f"u{users}"
    command = [
        sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("api_load.py")),
        "--headless", "--only-summary", "--host", url, "-u", str(users), "-r", str(users),
        "-t", f"{seconds}s", "--stop-timeout", "10", "--csv", str(prefix), "--loglevel", "ERROR",
    ]  # fmt: skip
    env = {**os.environ, "VIP_BENCH_API_CAST": str(cast_file)}
    # locust's own summary goes to stderr, the figures come from its CSV
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)
    return read_stats(Path(f"{prefix}_stats.csv"), users)


def read_stats(path: Path, users: int) -> list[Row]:
    with path.open() as f:
        entries = [e for e in csv.DictReader(f) if e["Name"] != "Aggregated"]
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
        )
        for e in entries
    ]


def run(
    migrants: int, sponsors: int, seconds: int, users: tuple[int, ...] = USERS,
    workers: int | None = None,
) -> dict[str, Any]:  # fmt: skip
    require_locust()
    # a scratch database of made-up people: a key of the run's own where none is configured
    os.environ.setdefault("VIP_SECRET_KEY", secrets.token_urlsafe(50))
    with scratch_database(SCRATCH), tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        cast = seed(migrants, sponsors)
        seeding = time.perf_counter() - start
        cast_file = Path(tmp) / "cast.json"
        cast_file.write_text(json.dumps(cast))
        from django.db import connections

        connections.close_all()
        rows: list[Row] = []
        with production_server(workers) as url:
            warm(url, cast, rounds=20)
            for n in users:
                rows += run_locust(url, cast_file, n, seconds, Path(tmp))
    return {
        "migrants": migrants,
        "sponsors": sponsors,
        "seeding_seconds": seeding,
        "seconds_per_run": seconds,
        "load_average": os.getloadavg(),
        "rows": rows,
    }

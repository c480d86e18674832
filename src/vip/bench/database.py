"""Benchmarks on PostgreSQL: the indexes built from the database, one incremental update, and the
top-20 query done by the database itself (an indexed SQL query) as a second ranking baseline.

A scratch database (`vip_bench`, or the name `vip bench matching --scratch` gives, so that two
runs on one server do not drop each other's) is created on the server of VIP_BENCH_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/test), migrated, filled with COPY and dropped at the
end.
These figures are wall-clock seconds: PostgreSQL works in its own process, which the benchmark's
CPU time would not count.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

import numpy as np

from vip.bench.matching import Figure

T = TypeVar("T")
SCRATCH = "vip_bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
UPDATES = 50


def wall(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _server_url() -> str:
    return os.environ.get("VIP_BENCH_DATABASE_URL", DEFAULT_URL)


def _scratch_url(name: str = SCRATCH) -> str:
    base = _server_url().rsplit("/", 1)[0]
    return f"{base}/{name}"


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_server_url(), autocommit=True) as connection:
        connection.execute(sql)


@contextmanager
def scratch_database(name: str = SCRATCH) -> Iterator[None]:
    """A fresh, migrated scratch database (`vip_bench`, or another benchmark's own name) as
    Django's default database, dropped afterwards."""
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _admin(f"CREATE DATABASE {name}")
    try:
        os.environ["VIP_DATABASE_URL"] = _scratch_url(name)
        from vip.boot import django_setup

        django_setup(schema=False)
        from django.conf import settings
        from django.core.management import call_command

        if settings.DATABASES["default"]["NAME"] != name:
            raise RuntimeError("Django is set up on another database already")
        call_command("migrate", interactive=False, verbosity=0)
        yield
    finally:
        from django.db import connections

        connections.close_all()
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        value = json.dumps(value)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _copy(table: str, columns: list[str], rows: Iterator[list[str]]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: COPY FROM STDIN
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            buffer = io.StringIO()
            for n, row in enumerate(rows, 1):
                buffer.write("\t".join(row))
                buffer.write("\n")
                if n % 50_000 == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())


def _model_rows(
    model: Any, fixed: dict[str, Any], varying: Callable[[int], dict[str, Any]], n: int
) -> tuple[str, list[str], Iterator[list[str]]]:
    """A model's table, its columns, and n rows: field defaults, then fixed, then varying values
    (the constant part is rendered once; a row only fills in its varying columns)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    template = [
        {**{f.attname: f.get_default() for f in fields}, **fixed}[f.attname] for f in fields
    ]
    template = [_text(value) for value in template]
    first = varying(0)
    slots = [(i, f.attname) for i, f in enumerate(fields) if f.attname in first]

    def rows() -> Iterator[list[str]]:
        for r in range(n):
            values = varying(r)
            row = template.copy()
            for i, name in slots:
                row[i] = _text(values[name])
            yield row

    return model._meta.db_table, columns, rows()


def load_migrants(n: int, seed: int = 2018, identity: bool = False) -> None:
    """n migrant accounts with profiles and their criminal-record and health results, by COPY;
    with `identity`, each one's identity verified too (the ranking lists only those)."""
    from vip.demo.synthetic import INTERESTS, LEVELS, ORIGINS, SECTORS
    from vip.people.models import MigrantProfile, Role, User, Verification

    authority = User.objects.create(
        username="authority@bench.example", email="authority@bench.example", role=Role.AUTHORITY
    )
    rng = np.random.default_rng(seed)
    origin = rng.integers(0, len(ORIGINS), n)
    age_days = rng.integers(19 * 365, 55 * 365, n)
    english = rng.integers(0, len(LEVELS), n)
    sector = np.argsort(rng.random((n, len(SECTORS))), axis=1)[:, :2]  # two different ones
    years = rng.integers(0, 13, (n, 2))
    interests = rng.integers(0, len(INTERESTS), (n, 3))
    clean, health = rng.random(n) < 0.95, rng.random(n) < 0.9
    today = dt.date(2026, 11, 22)
    now = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    first = authority.pk + 1
    _copy(
        *_model_rows(
            User,
            {"password": "!", "role": Role.MIGRANT, "is_active": True, "date_joined": now},
            lambda i: {
                "username": f"m{i}@bench.example",
                "email": f"m{i}@bench.example",
                "birth_date": today - dt.timedelta(days=int(age_days[i])),
                "country": ORIGINS[origin[i]].country,
            },
            n,
        )
    )
    _copy(
        *_model_rows(
            MigrantProfile,
            {"home_currency": "USD"},
            lambda i: {
                "user_id": first + i,
                "languages": [
                    {"code": ORIGINS[origin[i]].languages[0], "level": "native"},
                    {"code": "en", "level": LEVELS[english[i]]},
                ],
                "sectors": [
                    {"code": SECTORS[s], "years": int(y)}
                    for s, y in dict(
                        zip(sector[i].tolist(), years[i].tolist(), strict=True)
                    ).items()
                ],
                "interests": sorted({INTERESTS[j] for j in interests[i].tolist()}),
            },
            n,
        )
    )
    results = {"criminal_record": clean, "health": health} | (
        {"identity": np.ones(n, dtype=bool)} if identity else {}
    )
    kinds = list(results)
    _copy(
        *_model_rows(
            Verification,
            {"verified_by_id": authority.pk, "verified_at": now, "note": ""},
            lambda i: {
                "person_id": first + i // len(kinds),
                "kind": kinds[i % len(kinds)],
                "result": "clear"
                if results[kinds[i % len(kinds)]][i // len(kinds)]
                else "not_clear",
            },
            len(kinds) * n,
        )
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _raw_read() -> None:
    """The baseline: the same rows fetched by psycopg into tuples, nothing else done."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.id, u.birth_date, u.country, p.languages, p.sectors, p.interests,"
            " p.available_from, p.jurisdictions, p.heritage, p.religion, p.wants_other_adults,"
            " p.pay_expectation, p.housing_need, p.soft_criteria"
            " FROM people_migrantprofile p JOIN people_user u ON u.id = p.user_id"
        )
        cursor.fetchall()
        cursor.execute("SELECT person_id, kind, result FROM people_verification")
        cursor.fetchall()


def reachable() -> bool:
    import psycopg

    try:
        _admin("SELECT 1")
    except psycopg.OperationalError as error:
        print(f"PostgreSQL at {_server_url()} unreachable, its figures skipped: {error}")
        return False
    return True


def indexes_from_postgres(quick: bool, scratch: str = SCRATCH) -> list[Figure]:
    """The indexes built from PostgreSQL in one pass, and one profile change applied to it."""
    if not reachable():
        return []
    n = 50_000 if quick else 1_000_000
    with scratch_database(scratch):
        loading, _ = wall(lambda: load_migrants(n))
        from vip.matching import indexes
        from vip.people import services
        from vip.people.models import User

        reading, _ = wall(_raw_read)
        indexes.invalidate()
        building, built = wall(indexes.current)  # the first use after a start builds it
        rng = np.random.default_rng(7)
        people = User.objects.filter(role="migrant").order_by("pk").values_list("pk", flat=True)
        first = people[0]
        changes = []
        for pk in (first + rng.integers(0, n, UPDATES)).tolist():
            user = User.objects.get(pk=pk)
            services.update_profile(user, {"pay_expectation": int(rng.integers(1, 40)) * 100_000})
            # The service's on-commit hook has applied the change; timed here on its own.
            changes.append(wall(partial(indexes.changed, pk))[0])
        candidates = built.jurisdictions["US"].candidates
        assert candidates.record(pk).pay_expectation > 0
    size = f"{n} migrant profiles (+{2 * n} verifications) in PostgreSQL, COPY in {loading:.0f} s"
    return [
        Figure(
            "index build from PostgreSQL (wall)",
            size,
            building,
            "fetching the same rows with psycopg, nothing else (wall)",
            reading,
            "integer columns packed in one bytea a query, into the arrays; an index a jurisdiction",
        ),
        Figure(
            "incremental update after a profile change (median, wall)",
            f"indexes of {n} profiles, {UPDATES} changes",
            statistics.median(changes),
            "rebuilding the indexes from PostgreSQL (wall)",
            building,
            "re-read one person (7 small indexed queries) + upsert in each market",
        ),
    ]


# The ranking query done by PostgreSQL: the same synthetic columns as the ranking benchmark.
LANGS, SECTS = 6, 6  # the codes the benchmark's requests ask for


def _candidate_table(index: Any) -> None:
    from django.db import connection

    col = index.store.column
    card = col("card")
    columns: dict[str, np.ndarray] = {
        "id": col("id"),
        "flags": col("flags").view(np.int64),
        "birth": col("birth"),
        "available": col("available"),
        **{f"l{c}": col("levels")[c] for c in range(LANGS)},
        **{f"s{c}": col("years")[c] for c in range(SECTS)},
        "interests": card["interests"].view(np.int64),
        "pay": card["pay"],
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_candidates ("
            + ", ".join(
                f"{name} {'bigint' if name in ('id', 'flags', 'interests', 'pay') else 'integer'}"
                for name in columns
            )
            + ")"
        )
    data = np.column_stack([np.asarray(c, np.int64) for c in columns.values()])
    _copy("bench_candidates", list(columns), (list(map(str, row)) for row in data.tolist()))
    with connection.cursor() as cursor:
        # Statuses are filtered by a partial index on the birth date (the range every request
        # has); each language and sector column has its own index for bitmap ANDs.
        cursor.execute(
            "CREATE INDEX bench_eligible_birth ON bench_candidates (birth) WHERE (flags & 27) = 3"
        )
        for name in [*(f"l{c}" for c in range(LANGS)), *(f"s{c}" for c in range(SECTS))]:
            cursor.execute(f"CREATE INDEX bench_{name} ON bench_candidates ({name})")
        cursor.execute("ANALYZE bench_candidates")


def _sql_top20(request: Any, on: dt.date) -> float:
    from django.db import connection

    from vip.calendar import birth_window
    from vip.matching.ranking.records import cefr_rank
    from vip.matching.ranking.vocabulary import JURISDICTION_SHIFT

    [(lang, level)] = request.languages_required.items()
    [(sector, years)] = request.sectors_required.items()
    after, until = birth_window(on, request.age_min, request.age_max)
    jurisdiction = 1 << (JURISDICTION_SHIFT + int(request.jurisdiction[1:]))
    interests = sum(1 << int(code[1:]) for code in request.interests)
    interests -= (1 << 64) if interests >= 1 << 63 else 0
    lang_col, sector_col = f"l{int(lang[1:])}", f"s{int(sector[1:])}"
    sql = (
        f"SELECT id, (least(bit_count((interests & %s)::bit(64)), 3) * 333"
        f" + least({sector_col} - 1 - %s, 5) * 200"
        f" + CASE WHEN pay = 0 THEN 1000 ELSE least(1000, %s::bigint * 1000 / pay) END) AS score"
        f" FROM bench_candidates WHERE (flags & 27) = 3 AND (flags & %s) <> 0"
        f" AND birth > %s AND birth <= %s AND available <= %s"
        f" AND {lang_col} >= %s AND {sector_col} >= %s"
        f" ORDER BY score DESC, id LIMIT 20"
    )
    params = [
        interests,
        years,
        request.annual_pay,
        jurisdiction,
        after,
        until,
        request.start_date.toordinal(),
        cefr_rank(level),
        years + 1,
    ]
    with connection.cursor() as cursor:
        seconds, _ = wall(lambda: (cursor.execute(sql, params), cursor.fetchall()))
    return seconds


def top_k_in_postgres(quick: bool, scratch: str = SCRATCH) -> list[Figure]:
    """Top 20 for one request: our kernel against the same query as indexed SQL."""
    from vip.bench.ranking import ON, QUERIES, SEED, random_requests, synthetic_index
    from vip.matching.ranking.candidates import candidates

    if not reachable():
        return []
    n = 200_000 if quick else 1_000_000
    index = synthetic_index(n, SEED)
    requests = random_requests(QUERIES, SEED)
    candidates(index, requests[0], on=ON, k=20)
    ours = [wall(partial(candidates, index, r, on=ON, k=20))[0] for r in requests]
    with scratch_database(scratch):
        _candidate_table(index)
        _sql_top20(requests[0], ON)  # a warm cache, as for ours
        base = [_sql_top20(r, ON) for r in requests]
    size = f"{n} profiles, {QUERIES} requests"
    return [
        Figure(
            "ranking top 20 vs PostgreSQL (median, wall)",
            size,
            statistics.median(ours),
            "indexed SQL query on PostgreSQL 15, same filter, sponsor-side score (median)",
            statistics.median(base),
        ),
        Figure(
            "ranking top 20 vs PostgreSQL (p99, wall)",
            size,
            float(np.percentile(ours, 99)),
            "same (p99)",
            float(np.percentile(base, 99)),
        ),
    ]

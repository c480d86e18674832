"""`vip bench api`'s mix (no timing): sponsors rank candidates, sponsors who found their migrant
offer and both sign, migrants read their opportunities, visas and agreements and write events
and earnings on their visa; everyone reads the trivial endpoint. The locustfile runs exactly
MIX's tasks at MIX's weights (read in a process of its own: locust patches the standard library
with gevent). A run too small for its writers, or a database name not a plain identifier, is
refused in one line before a database is touched."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from vip.bench.api import (
    CANDIDATES,
    EARNINGS,
    EVENT,
    MIX,
    MY_AGREEMENTS,
    MY_VISAS,
    OFFER,
    OPPORTUNITIES,
    SIGN,
    TRIVIAL,
    VISA,
    VISAS_FROM,
    WRITES,
    months_for_each_run,
)
from vip.cli import app


def requests_of(role: str) -> set[str]:
    return {name for task in MIX[role][1].values() for name in task.requests}


def test_every_kind_of_person_reads_the_trivial_endpoint() -> None:
    assert {TRIVIAL in requests_of(role) for role in MIX} == {True}


def test_the_mix_holds_the_issues_reads_and_writes() -> None:
    everything = set().union(*(requests_of(role) for role in MIX))
    assert everything == {
        TRIVIAL, CANDIDATES, OPPORTUNITIES, MY_VISAS, VISA, MY_AGREEMENTS,
        OFFER, SIGN, EVENT, EARNINGS,
    }  # fmt: skip
    assert set(WRITES) == {OFFER, SIGN, EVENT, EARNINGS}
    assert {w for w in WRITES if w.startswith("POST ")} == set(WRITES)


def test_an_offer_is_signed_by_both_and_an_event_is_undone_in_its_task() -> None:
    assert MIX["Signer"][1]["offer"].requests == (OFFER, SIGN, SIGN)
    assert MIX["Migrant"][1]["event"].requests == (EVENT, EVENT)  # out of work, and back


def test_the_locustfile_runs_the_mixs_tasks_at_its_weights(tmp_path: Path) -> None:
    cast = tmp_path / "cast.json"
    cast.write_text(json.dumps({"people": [], "months_from": 0}))
    script = (
        "import json, collections, vip.bench.api_load as load\n"
        "print(json.dumps({name: [getattr(load, name).weight,"
        " collections.Counter(t.__name__ for t in getattr(load, name).tasks)]"
        " for name in ('Sponsor', 'Signer', 'Migrant')}))"
    )
    env = {**os.environ, "VIP_BENCH_API_CAST": str(cast)}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    classes = json.loads(out.stdout.splitlines()[-1])
    assert classes == {
        role: [weight, {name: task.weight for name, task in tasks.items()}]
        for role, (weight, tasks) in MIX.items()
    }


def test_each_run_reports_earnings_in_months_no_other_run_has() -> None:
    span = months_for_each_run(2, dt.date(2026, 12, 4))
    ended = (2026 - VISAS_FROM.year) * 12 + 11  # January 1996 to November 2026
    assert span == ended // 2


def test_a_run_too_small_for_its_writers_is_refused_in_one_line() -> None:
    result = CliRunner().invoke(app, ["bench", "api", "--migrants", "10", "--seconds", "1"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the load needs at least ")
    assert result.stderr.count("\n") == 1


def test_a_database_name_that_is_not_an_identifier_is_refused() -> None:
    result = CliRunner().invoke(app, ["bench", "api", "--database", "x; DROP DATABASE postgres"])
    assert result.exit_code == 2
    assert "is not a lower-case SQL identifier" in result.stderr

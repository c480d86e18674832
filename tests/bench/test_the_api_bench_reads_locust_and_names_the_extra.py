"""`vip bench api`'s plumbing (no timing): without locust the command says which extra to install,
in one line, before it touches a database; locust's statistics become rows next to the trivial
endpoint's p95."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vip.bench.api import TRIVIAL, read_stats
from vip.cli import app

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
)


def test_vip_bench_api_without_locust_is_one_line_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "locust", None)  # `import locust` now fails
    result = CliRunner().invoke(app, ["bench", "api", "--seconds", "1"])
    assert result.exit_code == 2
    assert result.stderr == "error: locust is missing: pip install 'vip-platform[dev]'\n"
    assert result.stdout == ""


def test_locust_statistics_become_rows_next_to_the_trivial_endpoint(tmp_path: Path) -> None:
    stats = tmp_path / "u50_stats.csv"
    stats.write_text(
        HEADER
        + f"GET,{TRIVIAL},400,0,10,12,2,90,120,40.0,0.0,10,11,12,13,15,20,25,30,80,90,90\n"
        + "GET,GET candidates,200,2,25,30,5,300,900,20.0,0.2,25,27,30,33,40,50,70,90,290,300,300\n"
        + ",Aggregated,600,2,12,18,2,300,380,60.0,0.2,12,15,18,20,30,40,60,80,290,300,300\n"
    )
    rows = {row.name: row for row in read_stats(stats, users=50)}
    assert set(rows) == {TRIVIAL, "GET candidates"}
    candidates = rows["GET candidates"]
    assert (candidates.users, candidates.p50, candidates.p95, candidates.p99) == (50, 25, 50, 90)
    assert candidates.rps == 20.0
    assert candidates.error_ratio == 0.01
    assert candidates.p95_ratio == 2.5
    assert rows[TRIVIAL].p95_ratio == 1.0
    assert candidates.to_json()["p95_ratio"] == 2.5


def test_each_rows_failures_are_listed_with_their_reason_and_count(tmp_path: Path) -> None:
    (tmp_path / "u50_stats.csv").write_text(
        HEADER
        + f"GET,{TRIVIAL},400,0,10,12,2,90,120,40.0,0.0,10,11,12,13,15,20,25,30,80,90,90\n"
        + "POST,POST /agreements,20,3,25,30,5,300,900,2.0,0.2,25,27,30,33,40,50,70,90,290,300,300\n"
    )
    (tmp_path / "u50_failures.csv").write_text(
        "Method,Name,Error,Occurrences\n"
        "POST,POST /agreements,409 OFFER_PENDING,2\n"
        "POST,POST /agreements,500 Internal Server Error,1\n"
    )
    rows = {row.name: row for row in read_stats(tmp_path / "u50_stats.csv", users=50)}
    assert rows["POST /agreements"].failed == (
        "409 OFFER_PENDING x2",
        "500 Internal Server Error x1",
    )
    assert rows[TRIVIAL].failed == ()
    assert "(409 OFFER_PENDING x2, 500 Internal Server Error x1)" in rows["POST /agreements"].line()

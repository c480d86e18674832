"""`vip bench matching --only GROUP` runs one group of cases (`--only database`: the PostgreSQL
ones), and `--scratch NAME` gives those their own scratch database, so that two runs on one
server do not drop each other's."""

from __future__ import annotations

from functools import partial

from typer.testing import CliRunner

from vip.bench.matching import GROUPS, cases
from vip.cli import app


def test_the_cases_come_in_the_groups_only_names() -> None:
    groups = cases()
    assert tuple(groups) == GROUPS
    assert all(groups[g] for g in GROUPS)


def test_the_database_cases_use_the_scratch_database_named() -> None:
    for case in cases("vip_bench_columnar")["database"]:
        assert isinstance(case, partial) and case.keywords == {"scratch": "vip_bench_columnar"}
    for case in cases()["database"]:
        assert isinstance(case, partial) and case.keywords == {"scratch": "vip_bench"}


def test_an_unknown_group_or_scratch_name_is_refused_before_anything_runs() -> None:
    runner = CliRunner()
    help_text = runner.invoke(app, ["bench", "matching", "--help"]).output
    assert "--only" in help_text and "--scratch" in help_text
    unknown = runner.invoke(app, ["bench", "matching", "--only", "everything"])
    assert unknown.exit_code == 2
    assert "clearinghouse, ranking, database" in unknown.output
    injected = runner.invoke(app, ["bench", "matching", "--scratch", "x; DROP DATABASE test"])
    assert injected.exit_code == 2

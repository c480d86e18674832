from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vip.cli import app

MARKET = {
    "proposers": {"bishal": ["anthony", "carol"], "dev": ["anthony"], "eve": []},
    "receivers": {
        "anthony": {"capacity": 1, "ranking": ["dev", "bishal"]},
        "carol": {"capacity": 2, "ranking": ["bishal", "eve"]},
    },
}


def _run(tmp_path: Path, market: object, *options: str) -> tuple[int, str, str]:
    path = tmp_path / "market.json"
    path.write_text(market if isinstance(market, str) else json.dumps(market))
    result = CliRunner().invoke(app, ["match", "solve", str(path), *options])
    return result.exit_code, result.stdout, result.stderr


def test_match_solve_prints_the_proposer_optimal_matching_as_json(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, MARKET, "--json")
    assert code == 0
    assert json.loads(out) == {
        "matches": {"bishal": "carol", "dev": "anthony", "eve": None},
        "stable": True,
        "blocking_pairs": 0,
    }


def test_match_solve_lets_the_receivers_propose(tmp_path: Path) -> None:
    market = {
        "proposers": {"p1": ["r1", "r2"], "p2": ["r2", "r1"]},
        "receivers": {
            "r1": {"capacity": 1, "ranking": ["p2", "p1"]},
            "r2": {"capacity": 1, "ranking": ["p1", "p2"]},
        },
    }
    _, by_proposers, _ = _run(tmp_path, market, "--json")
    _, by_receivers, _ = _run(tmp_path, market, "--json", "--proposing", "receivers")
    assert json.loads(by_proposers)["matches"] == {"p1": "r1", "p2": "r2"}
    assert json.loads(by_receivers)["matches"] == {"p1": "r2", "p2": "r1"}


def test_match_solve_prints_a_readable_summary_without_json(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, MARKET)
    assert code == 0
    assert "bishal -> carol" in out
    assert "eve -> (unmatched)" in out
    assert "stable: yes, blocking pairs: 0" in out


@pytest.mark.parametrize(
    ("market", "message"),
    [
        (
            {"proposers": {"a": ["x", "x"]}, "receivers": {"x": {"capacity": 1, "ranking": []}}},
            "proposer 'a' lists receiver 'x' twice",
        ),
        (
            {"proposers": {"a": ["y"]}, "receivers": {"x": {"capacity": 1, "ranking": []}}},
            "proposer 'a' names unknown receiver 'y'",
        ),
        (
            {"proposers": {"a": []}, "receivers": {"x": {"capacity": 1, "ranking": ["b"]}}},
            "receiver 'x' names unknown proposer 'b'",
        ),
        (
            {"proposers": {"a": []}, "receivers": {"x": {"capacity": 1, "ranking": ["a", "a"]}}},
            "receiver 'x' lists proposer 'a' twice",
        ),
        (
            {"proposers": {}, "receivers": {"x": {"capacity": 0, "ranking": []}}},
            "receiver 'x' capacity must be at least 1, got 0",
        ),
        (
            {"proposers": {}, "receivers": {"x": {"capacity": "2", "ranking": []}}},
            "receiver 'x' capacity must be an integer",
        ),
        (
            {"proposers": {}, "receivers": {"x": {"ranking": []}}},
            'receiver \'x\' needs "capacity" and "ranking"',
        ),
        ({"receivers": {}}, 'the input has no "proposers" object'),
        ('{"proposers": {"a": []}, "proposers": {}}', "id 'proposers' appears twice"),
        ('{"proposers": ', "malformed JSON"),
        ("[]", "the input must be a JSON object"),
    ],
)
def test_match_solve_rejects_bad_input_with_a_clear_error_and_exit_2(
    tmp_path: Path, market: object, message: str
) -> None:
    code, out, err = _run(tmp_path, market, "--json")
    assert code == 2
    assert message in err
    assert "Traceback" not in out + err


def test_match_solve_rejects_a_missing_file_and_an_unknown_side(tmp_path: Path) -> None:
    missing = CliRunner().invoke(app, ["match", "solve", str(tmp_path / "none.json")])
    assert missing.exit_code == 2
    assert "cannot read" in missing.stderr
    code, _, err = _run(tmp_path, MARKET, "--proposing", "sponsors")
    assert code == 2
    assert "--proposing must be proposers or receivers" in err

"""`vip auction clear INPUT.json [--json]`: the contract's shape, and bad input as exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vip.cli import app

from tests.auctions.reference import tie_key

AUCTION: dict[str, Any] = {
    "quota": 2,
    "reserve": 1000,
    "rule": "highest_rejected",
    "seed": "committed-seed",
    "bids": [
        {"id": "ana", "amount": 5000},
        {"id": "bishal", "amount": 7000},
        {"id": "chen", "amount": 5000},
        {"id": "dara", "amount": 900},
    ],
}


def clear(tmp_path: Path, data: object, *options: str) -> tuple[int, str, str]:
    path = tmp_path / "auction.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["auction", "clear", str(path), *options])
    return result.exit_code, result.stdout, result.stderr


def test_clear_prints_the_price_the_winners_in_bid_order_and_the_rejected(
    tmp_path: Path,
) -> None:
    code, out, _ = clear(tmp_path, AUCTION, "--json")
    assert code == 0
    second = min(("ana", "chen"), key=lambda bid: tie_key("committed-seed", bid))
    assert json.loads(out) == {
        "price": 5000,
        "winners": ["bishal", second],
        "rejected_below_reserve": 1,
    }


def test_with_citizens_the_revenue_is_shared_and_the_remainder_kept(tmp_path: Path) -> None:
    code, out, _ = clear(tmp_path, {**AUCTION, "citizens": 3, "rule": "lowest_accepted"}, "--json")
    assert code == 0
    shown = json.loads(out)
    assert (shown["price"], shown["revenue"]) == (5000, 10000)
    assert (shown["dividend_per_citizen"], shown["dividend_remainder"]) == (3333, 1)


def test_without_json_the_result_is_told_in_words(tmp_path: Path) -> None:
    code, out, _ = clear(tmp_path, AUCTION)
    assert code == 0
    assert "price: 5000" in out
    assert "bishal" in out


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"bids": [{"id": "a", "amount": 1}, {"id": "a", "amount": 2}]}, "duplicate bid id"),
        ({"bids": [{"id": "a", "amount": -1}]}, "bids[0].amount must be at least 0"),
        ({"quota": 0}, "quota must be at least 1"),
        ({"rule": "pay_as_bid"}, "rule must be"),
        ({"quota": 1.5}, "quota must be an integer"),
        ({"bids": [{"id": "a", "amount": True}]}, "must be an integer"),
        ({"surprise": 1}, "unknown field"),
        ({"citizens": 0}, "citizens must be at least 1"),
        ({"bids": [{"id": "a", "amount": 2**63}]}, "bids[0].amount must be at most"),
        ({"reserve": 10**30}, "reserve must be at most"),
        ({"quota": 2**64}, "quota must be at most"),
        ({"seed": "\ud800"}, "seed must be valid Unicode"),
        ({"bids": [{"id": "\udfff", "amount": 1}]}, "bids[0].id must be valid Unicode"),
        ({"bids": [{"id": "", "amount": 1}]}, "bids[0].id must be a non-empty text"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    tmp_path: Path, change: dict[str, Any], said: str
) -> None:
    code, out, err = clear(tmp_path, {**AUCTION, **change}, "--json")
    assert code == 2
    assert out == ""
    assert said in err
    assert len(err.strip().splitlines()) == 1


def test_a_file_that_is_not_json_is_refused_with_exit_2(tmp_path: Path) -> None:
    code, _, err = clear(tmp_path, "{not json", "--json")
    assert code == 2
    assert err.startswith("error: not JSON")


def test_a_missing_file_is_refused_with_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["auction", "clear", str(tmp_path / "none.json")])
    assert result.exit_code == 2

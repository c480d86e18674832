"""`vip auction clear`'s contract: the published inputs of an auction in, its result out.

INPUT: {"quota": Q, "reserve": R, "rule": "highest_rejected" | "lowest_accepted", "seed": text,
"citizens": C (optional), "bids": [{"id": text, "amount": A}, ...]}, amounts in minor units.
OUTPUT: {"price", "winners" (in bid order), "rejected_below_reserve"} and, with citizens,
{"revenue", "dividend_per_citizen", "dividend_remainder"}. No Django: anyone can run it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from vip.auctions.clearing import BidIds, Rule, clear, seeded_ties
from vip.errors import either

FIELDS = frozenset({"quota", "reserve", "rule", "seed", "citizens", "bids"})


class InvalidInput(ValueError):
    """The input breaks the contract; the message says where, in one line."""


@dataclass(frozen=True)
class AuctionInputs:
    quota: int
    reserve: int
    rule: Rule
    seed: str
    citizens: int | None
    ids: list[str]
    amounts: list[int]


# The kernel works on 64-bit integers: a larger amount, reserve or quota is refused, not wrapped.
LARGEST = 2**63 - 1


def _integer(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{name} must be an integer, not {json.dumps(value)}")
    if value < minimum:
        raise InvalidInput(f"{name} must be at least {minimum}, not {value}")
    if value > LARGEST:
        raise InvalidInput(f"{name} must be at most {LARGEST}, not {value}")
    return value


def _text(value: object, name: str) -> str:
    """A text the tie keys can hash: JSON lets a lone surrogate (\\ud800) through, UTF-8 not."""
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a text")
    try:
        value.encode()
    except UnicodeEncodeError:
        raise InvalidInput(f"{name} must be valid Unicode (no lone surrogate)") from None
    return value


def _bid(index: int, bid: object) -> tuple[str, int]:
    if not isinstance(bid, dict) or set(bid) != {"id", "amount"}:
        raise InvalidInput(f"bids[{index}] must be an object with exactly an id and an amount")
    if not _text(bid["id"], f"bids[{index}].id"):
        raise InvalidInput(f"bids[{index}].id must be a non-empty text")
    return bid["id"], _integer(bid["amount"], f"bids[{index}].amount", 0)


def parse(text: str) -> AuctionInputs:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise InvalidInput("the input must be a JSON object")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(unknown)}")
    missing = sorted({"quota", "reserve", "rule", "seed", "bids"} - set(data))
    if missing:
        raise InvalidInput(f"missing field(s): {', '.join(missing)}")
    if data["rule"] not in list(Rule):
        raise InvalidInput(f"rule must be {either(Rule)}, not {json.dumps(data['rule'])}")
    _text(data["seed"], "seed")
    if not isinstance(data["bids"], list):
        raise InvalidInput("bids must be a list")
    bids = [_bid(index, bid) for index, bid in enumerate(data["bids"])]
    ids = [bid for bid, _ in bids]
    seen: set[str] = set()
    for bid in ids:
        if bid in seen:
            raise InvalidInput(f"duplicate bid id {json.dumps(bid)}")
        seen.add(bid)
    citizens = data.get("citizens")
    return AuctionInputs(
        quota=_integer(data["quota"], "quota", 1),
        reserve=_integer(data["reserve"], "reserve", 0),
        rule=Rule(data["rule"]),
        seed=data["seed"],
        citizens=None if citizens is None else _integer(citizens, "citizens", 1),
        ids=ids,
        amounts=[amount for _, amount in bids],
    )


def result(auction: AuctionInputs) -> dict[str, Any]:
    """The contract's output for a parsed input."""
    cleared = clear(
        np.array(auction.amounts, dtype=np.int64),
        auction.quota,
        auction.reserve,
        auction.rule,
        ties=seeded_ties(auction.seed, BidIds.of(auction.ids)),
    )
    price = int(cleared.price)
    out: dict[str, Any] = {
        "price": price,
        "winners": [auction.ids[i] for i in cleared.winners.tolist()],
        "rejected_below_reserve": int(cleared.rejected_below_reserve),
    }
    if auction.citizens is not None:
        revenue = price * cleared.winners.size
        dividend = revenue // auction.citizens
        out.update(
            revenue=revenue,
            dividend_per_citizen=dividend,
            dividend_remainder=revenue - auction.citizens * dividend,
        )
    return out

"""The clearing by the book: every bid sorted, then the rules read off the sorted list."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from vip.auctions.clearing import Rule


def tie_key(seed: str, bid: str) -> str:
    """A bid's place among equal amounts as the contract states it: the hex SHA-256 of `seed:id`
    (lowest first)."""
    return hashlib.sha256(f"{seed}:{bid}".encode()).hexdigest()


@dataclass(frozen=True)
class Expected:
    price: int
    winners: list[str]
    rejected_below_reserve: int


def brute_force(
    bids: list[tuple[str, int]], quota: int, reserve: int, rule: Rule, seed: str
) -> Expected:
    valid = sorted(
        (bid for bid in bids if bid[1] >= reserve),
        key=lambda bid: (-bid[1], tie_key(seed, bid[0])),
    )
    below = len(bids) - len(valid)
    if len(valid) <= quota:
        return Expected(reserve, [bid for bid, _ in valid], below)
    price = valid[quota][1] if rule is Rule.HIGHEST_REJECTED else valid[quota - 1][1]
    return Expected(price, [bid for bid, _ in valid[:quota]], below)

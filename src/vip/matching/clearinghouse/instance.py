"""The `vip match solve` contract: a JSON market with string ids in, a matching out.

INPUT: {"proposers": {"<id>": ["<receiver id>", ...]},
        "receivers": {"<id>": {"capacity": <int>, "ranking": ["<proposer id>", ...]}}}
OUTPUT: {"matches": {"<proposer id>": "<receiver id>" | null}, "stable": true, "blocking_pairs": 0}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from vip.matching.clearinghouse.sides import Proposing

# Markets with fewer list entries (both sides together) than this are solved in plain Python
# (vip.matching.clearinghouse.plain): importing numpy and numba and loading the cached kernels
# takes 0.3-0.4 s, and the plain solve about 1 us per entry (45-110 ms at 100k entries, where
# the kernels take 16 ms once loaded); above it the kernels win.
PLAIN_BELOW = 50_000


class InvalidInstance(ValueError):
    """The input breaks the contract; the message names the offending id or field."""


@dataclass(frozen=True)
class Preferences:
    """Both sides' rank lists by id, best first, and each receiver's capacity."""

    proposers: dict[str, list[str]]
    receivers: dict[str, list[str]]
    capacity: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        receivers = {
            rid: {"capacity": self.capacity[rid], "ranking": ranking}
            for rid, ranking in self.receivers.items()
        }
        return {"proposers": self.proposers, "receivers": receivers}


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidInstance(f"id {key!r} appears twice in the same object")
        result[key] = value
    return result


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInstance(f"{where} must be a JSON object")
    return value


def _id_list(value: Any, where: str, known: dict[str, Any], kind: str) -> list[str]:
    """A list of ids, each known and listed once."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInstance(f"{where} must be a list of {kind} ids (strings)")
    seen: set[str] = set()
    for item in value:
        if item not in known:
            raise InvalidInstance(f"{where} names unknown {kind} {item!r}")
        if item in seen:
            raise InvalidInstance(f"{where} lists {kind} {item!r} twice")
        seen.add(item)
    return value


def _capacity(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInstance(f"{where} capacity must be an integer")
    if value < 1:
        raise InvalidInstance(f"{where} capacity must be at least 1, got {value}")
    return value


def _receiver(value: Any, where: str) -> dict[str, Any]:
    entry = _object(value, where)
    if "capacity" not in entry or "ranking" not in entry:
        raise InvalidInstance(f'{where} needs "capacity" and "ranking"')
    return entry


def parse(text: str) -> Preferences:
    """Validate the JSON text; raise InvalidInstance naming the first fault found."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise InvalidInstance(f"malformed JSON: {error}") from None
    top = _object(data, "the input")
    for key in ("proposers", "receivers"):
        if key not in top:
            raise InvalidInstance(f'the input has no "{key}" object')
    proposers = _object(top["proposers"], '"proposers"')
    receivers = {
        rid: _receiver(entry, f"receiver {rid!r}")
        for rid, entry in _object(top["receivers"], '"receivers"').items()
    }
    return Preferences(
        proposers={
            pid: _id_list(prefs, f"proposer {pid!r}", receivers, "receiver")
            for pid, prefs in proposers.items()
        },
        receivers={
            rid: _id_list(entry["ranking"], f"receiver {rid!r}", proposers, "proposer")
            for rid, entry in receivers.items()
        },
        capacity={
            rid: _capacity(entry["capacity"], f"receiver {rid!r}")
            for rid, entry in receivers.items()
        },
    )


def entries(preferences: Preferences) -> int:
    """The size of a market: how many ids its lists hold, both sides together."""
    return sum(map(len, preferences.proposers.values())) + sum(
        map(len, preferences.receivers.values())
    )


def solve(
    preferences: Preferences,
    proposing: Proposing = Proposing.PROPOSERS,
    *,
    plain_below: int = PLAIN_BELOW,
) -> dict[str, Any]:
    """The contract's output object for the stable matching optimal for the proposing side:
    in plain Python below `plain_below` list entries, by the numba kernels from there on."""
    if entries(preferences) < plain_below:
        from vip.matching.clearinghouse import plain

        matches = plain.deferred_acceptance(preferences, proposing)
        count = plain.blocking_pairs(preferences, matches)
    else:
        from vip.matching.clearinghouse import packed

        matches, count = packed.solve(preferences, proposing)
    return {"matches": matches, "stable": count == 0, "blocking_pairs": count}

"""The `vip match solve` contract: a JSON market with string ids in, a matching out.

INPUT: {"proposers": {"<id>": ["<receiver id>", ...]},
        "receivers": {"<id>": {"capacity": <int>, "ranking": ["<proposer id>", ...]}}}
OUTPUT: {"matches": {"<proposer id>": "<receiver id>" | null}, "stable": true, "blocking_pairs": 0}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from vip.matching.arrays import Int32Array
from vip.matching.clearinghouse.deferred_acceptance import blocking_pairs, deferred_acceptance
from vip.matching.clearinghouse.market import Market, csr
from vip.matching.clearinghouse.sides import Proposing


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


@dataclass(frozen=True)
class Instance:
    """Preferences packed into a market; row i of a side is the i-th id of that side."""

    proposer_ids: list[str]
    receiver_ids: list[str]
    market: Market

    @classmethod
    def pack(cls, preferences: Preferences) -> Instance:
        """Number the ids in their order and pack the lists (ids assumed valid: see parse)."""
        proposer_rows = {pid: row for row, pid in enumerate(preferences.proposers)}
        receiver_rows = {rid: row for row, rid in enumerate(preferences.receivers)}
        p_ptr, p_idx = csr(list(preferences.proposers.values()), receiver_rows.__getitem__)
        r_ptr, r_idx = csr(list(preferences.receivers.values()), proposer_rows.__getitem__)
        capacity = np.fromiter(
            map(preferences.capacity.__getitem__, preferences.receivers), np.int32
        )
        market = Market(p_ptr, p_idx, r_ptr, r_idx, capacity)
        return cls(list(preferences.proposers), list(preferences.receivers), market)


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


def _matches(instance: Instance, match: Int32Array) -> dict[str, str | None]:
    # Row -1 (unmatched) reads the None appended at the end of the receivers' names.
    names: list[str | None] = [*instance.receiver_ids, None]
    return dict(zip(instance.proposer_ids, map(names.__getitem__, match.tolist()), strict=True))


def stable_matching(
    preferences: Preferences, proposing: Proposing = Proposing.PROPOSERS
) -> dict[str, str | None]:
    """The receiver of each proposer (None: unmatched), optimal for the proposing side."""
    instance = Instance.pack(preferences)
    return _matches(instance, deferred_acceptance(instance.market, proposing).match)


def solve(preferences: Preferences, proposing: Proposing = Proposing.PROPOSERS) -> dict[str, Any]:
    """The contract's output object for the stable matching optimal for the proposing side."""
    instance = Instance.pack(preferences)
    match = deferred_acceptance(instance.market, proposing).match
    count = blocking_pairs(instance.market, match)
    return {"matches": _matches(instance, match), "stable": count == 0, "blocking_pairs": count}

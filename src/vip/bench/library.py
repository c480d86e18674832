"""The PyPI `matching` library's HospitalResident solver on our preferences: the yardstick.

The library wants every list mutually consistent and no player with an empty list, so both are
arranged here; a player the library never sees is unmatched. It is a dev-only dependency, loaded
on first use: without it `vip bench matching` stops with one line naming the extra to install.
"""

from __future__ import annotations

import sys
import threading
import warnings
from collections.abc import Callable
from typing import Any

from vip.bench.oracles import acceptable_lists
from vip.matching.clearinghouse.instance import Preferences
from vip.matching.clearinghouse.sides import Proposing


class MissingExtra(RuntimeError):
    """A benchmark needs a package of the dev extra that is not installed."""


def _hospital_resident() -> Any:
    try:
        from matching.games import HospitalResident
    except ImportError:
        raise MissingExtra(
            "the `matching` library is missing: pip install 'vip-platform[dev]'"
        ) from None
    return HospitalResident


def _deep(work: Callable[[], Any]) -> Any:
    """Run with room for deep recursion: the library deep-copies its linked players."""
    result: list[Any] = []
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10**6)
    old_size = threading.stack_size(1 << 30)
    try:
        thread = threading.Thread(target=lambda: result.append(work()))
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(limit)
    if not result:
        raise RuntimeError("the matching library failed (see the thread's traceback)")
    return result[0]


def library_matching(preferences: Preferences, proposing: Proposing) -> dict[str, str | None]:
    """HospitalResident's resident-optimal (proposers) or hospital-optimal (receivers) matching."""
    _hospital_resident()  # fail here, in this thread, if the library is missing
    matching: dict[str, str | None] = _deep(lambda: _solve(preferences, proposing))
    return matching


def _solve(preferences: Preferences, proposing: Proposing) -> dict[str, str | None]:
    proposers, receivers = acceptable_lists(preferences.proposers, preferences.receivers)
    residents = {p: prefs for p, prefs in proposers.items() if prefs}
    hospitals = {r: prefs for r, prefs in receivers.items() if prefs}
    capacity = {r: preferences.capacity[r] for r in hospitals}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = _hospital_resident().create_from_dictionaries(residents, hospitals, capacity)
        solved = game.solve(optimal="resident" if proposing == Proposing.PROPOSERS else "hospital")
    match: dict[str, str | None] = dict.fromkeys(preferences.proposers)
    for hospital, held in solved.items():
        for resident in held:
            match[resident.name] = hospital.name
    return match

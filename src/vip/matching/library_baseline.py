"""The PyPI `matching` library's HospitalResident solver on our preferences: the yardstick.

The library wants every list mutually consistent and no player with an empty list, so both are
arranged here; a player the library never sees is unmatched.
"""

from __future__ import annotations

import warnings

from matching.games import HospitalResident

from vip.matching.clearinghouse import Proposing
from vip.matching.instance import Preferences
from vip.matching.reference import acceptable_lists


def library_matching(preferences: Preferences, proposing: Proposing) -> dict[str, str | None]:
    """HospitalResident's resident-optimal (proposers) or hospital-optimal (receivers) matching."""
    proposers, receivers = acceptable_lists(preferences.proposers, preferences.receivers)
    residents = {p: prefs for p, prefs in proposers.items() if prefs}
    hospitals = {r: prefs for r, prefs in receivers.items() if prefs}
    capacity = {r: preferences.capacity[r] for r in hospitals}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(residents, hospitals, capacity)
        solved = game.solve(optimal="resident" if proposing == "proposers" else "hospital")
    match: dict[str, str | None] = dict.fromkeys(preferences.proposers)
    for hospital, held in solved.items():
        for resident in held:
            match[resident.name] = hospital.name
    return match

"""What a ranking query returns, and the blocks both directions respect."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from vip.matching.arrays import Int64Array
from vip.matching.ranking.scoring import FULL


class Why(StrEnum):
    """The kinds of reason a result comes with; each has its sentence (ENGLISH here, the portal's
    in each language)."""

    SPEAKS = "speaks"
    YEARS_IN = "years_in"
    CLEAN_RECORD = "clean_record"
    HEALTH_CLEARANCE = "health_clearance"
    BOTH_SPEAK = "both_speak"
    HERITAGE = "heritage"
    RELIGION = "religion"
    INTEREST = "interest"
    MORE_EXPERIENCE = "more_experience"
    PAY_MEETS = "pay_meets"
    PAY_SHARE = "pay_share"
    HOUSING_MEETS = "housing_meets"
    HOUSING_SHORT = "housing_short"


ENGLISH: dict[Why, str] = {
    Why.SPEAKS: "speaks {label} {level}",
    Why.YEARS_IN: "{years} in {label}",
    Why.CLEAN_RECORD: "verified clean record",
    Why.HEALTH_CLEARANCE: "verified health clearance",
    Why.BOTH_SPEAK: "both speak {label}",
    Why.HERITAGE: "shared {label} heritage",
    Why.RELIGION: "both {label}",
    Why.INTEREST: "both like {label}",
    Why.MORE_EXPERIENCE: "{years} more experience than asked",
    Why.PAY_MEETS: "pay meets the worker's expectation",
    Why.PAY_SHARE: "pay is {number}% of the worker's expectation",
    Why.HOUSING_MEETS: "housing meets the worker's need ({label})",
    Why.HOUSING_SHORT: "housing short of the worker's need ({label})",
}


@dataclass(frozen=True)
class MatchReason:
    """One reason as data, so each reader words it in his language: its kind, the vocabulary code
    it names (a language, a sector...) with its English label, and a level or a number. `str()` is
    the English the API returns."""

    why: Why
    code: str = ""
    label: str = ""
    level: str = ""
    number: int = 0

    def __str__(self) -> str:
        years = "1 year" if self.number == 1 else f"{self.number} years"
        return ENGLISH[self.why].format(
            label=self.label, level=self.level, number=self.number, years=years
        )


@dataclass(frozen=True)
class Ranked:
    """One result: the migrant (or the request) id, the pair's score in [0, 1], and why."""

    id: int
    score: float
    reasons: tuple[MatchReason, ...]


def ranked(
    ids: Int64Array, rows: Int64Array, points: Int64Array, why: Callable[[int], list[MatchReason]]
) -> list[Ranked]:
    """Kernel output (rows and points, best first) as results, with reasons for these rows only."""
    return [
        Ranked(int(ids[row]), score / FULL, tuple(why(row)))
        for row, score in zip(rows.tolist(), points.tolist(), strict=True)
    ]


class Blocks:
    """Pairs that must never be shown to each other: either side blocked or reported the other."""

    def __init__(self) -> None:
        self._by_sponsor: defaultdict[int, set[int]] = defaultdict(set)
        self._by_migrant: defaultdict[int, set[int]] = defaultdict(set)

    def block(self, sponsor_id: int, migrant_id: int) -> None:
        self._by_sponsor[sponsor_id].add(migrant_id)
        self._by_migrant[migrant_id].add(sponsor_id)

    def unblock(self, sponsor_id: int, migrant_id: int) -> None:
        self._by_sponsor[sponsor_id].discard(migrant_id)
        self._by_migrant[migrant_id].discard(sponsor_id)

    def blocked(self, sponsor_id: int, migrant_id: int) -> bool:
        return migrant_id in self._by_sponsor.get(sponsor_id, ())

    def migrants_of(self, sponsor_id: int) -> Int64Array:
        """Sorted, as the kernels search them."""
        return np.array(sorted(self._by_sponsor.get(sponsor_id, ())), np.int64)

    def sponsors_of(self, migrant_id: int) -> Int64Array:
        return np.array(sorted(self._by_migrant.get(migrant_id, ())), np.int64)

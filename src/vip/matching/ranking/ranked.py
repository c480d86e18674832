"""What a ranking query returns, and the blocks both directions respect."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from vip.matching.arrays import Int64Array
from vip.matching.ranking.scoring import FULL


@dataclass(frozen=True)
class Ranked:
    """One result: the migrant (or the request) id, the pair's score in [0, 1], and why."""

    id: int
    score: float
    reasons: tuple[str, ...]


def ranked(
    ids: Int64Array, rows: Int64Array, points: Int64Array, why: Callable[[int], list[str]]
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

"""`vip bench matching`: every figure next to a baseline measured in the same run.

A case is one function `(quick) -> list[Figure]` in one of the groups of `cases()`; adding a
baseline (PostgreSQL's indexed query, the index build from the database) is one more function
there. `--only GROUP` runs one group.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Figure:
    name: str
    size: str
    seconds: float
    baseline: str
    baseline_seconds: float
    note: str = ""

    @property
    def ratio(self) -> float:
        """Above 1: faster than the baseline."""
        return self.baseline_seconds / self.seconds if self.seconds > 0 else float("inf")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}

    def line(self) -> str:
        return (
            f"{self.name}  [{self.size}]  {self.seconds:.4g} s  vs  {self.baseline} "
            f"{self.baseline_seconds:.4g} s  ratio {self.ratio:,.2f}x"
            + (f"  ({self.note})" if self.note else "")
        )


def shown(figures: list[Figure], as_json: bool) -> str:
    """What a `vip bench` command prints of its figures: one JSON object, or a line each."""
    if as_json:
        return json.dumps({"results": [figure.to_json() for figure in figures]})
    return "\n".join(figure.line() for figure in figures)


Case = Callable[[bool], list[Figure]]


def clock(work: Callable[[], T]) -> tuple[float, T]:
    """CPU seconds of this process: every case here is single-threaded, and on a machine shared
    with other work wall-clock time would count their load as ours (or the baseline's)."""
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


GROUPS = ("clearinghouse", "ranking", "database")


def cases(scratch: str | None = None) -> dict[str, list[Case]]:
    """The cases by group, in the order they run; the PostgreSQL ones on the scratch database
    `scratch` (default `vip_bench`; two runs at once need two names)."""
    from vip.bench import clearinghouse as bench_clearinghouse
    from vip.bench import database as bench_database
    from vip.bench import ranking as bench_ranking

    scratch = scratch or bench_database.SCRATCH

    return {
        "clearinghouse": [
            bench_clearinghouse.against_matching_library,
            bench_clearinghouse.nrmp_market,
            bench_clearinghouse.million_by_million,
        ],
        "ranking": [bench_ranking.top_k_latency, bench_ranking.incremental_update],
        "database": [
            partial(bench_database.indexes_from_postgres, scratch=scratch),
            partial(bench_database.top_k_in_postgres, scratch=scratch),
        ],
    }


def run(
    quick: bool,
    report: Callable[[Figure], None],
    only: str | None = None,
    scratch: str | None = None,
) -> list[Figure]:
    """Every group's cases, or those of `only`."""
    figures: list[Figure] = []
    for group, group_cases in cases(scratch).items():
        for case in group_cases if only in (None, group) else []:
            for figure in case(quick):
                report(figure)
                figures.append(figure)
    return figures

"""`vip bench matching`: every figure next to a baseline measured in the same run.

A case is one function `(quick) -> list[Figure]` in CASES; adding a baseline (PostgreSQL's
indexed query, the index build from the database) is one more function there.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
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


def cases() -> list[Case]:
    from vip.bench import clearinghouse as bench_clearinghouse
    from vip.bench import database as bench_database
    from vip.bench import ranking as bench_ranking

    return [
        bench_clearinghouse.against_matching_library,
        bench_clearinghouse.nrmp_market,
        bench_clearinghouse.million_by_million,
        bench_ranking.top_k_latency,
        bench_ranking.incremental_update,
        bench_database.indexes_from_postgres,
        bench_database.top_k_in_postgres,
    ]


def run(quick: bool, report: Callable[[Figure], None]) -> list[Figure]:
    figures: list[Figure] = []
    for case in cases():
        for figure in case(quick):
            report(figure)
            figures.append(figure)
    return figures

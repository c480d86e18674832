"""`vip serve` warms the ranking before it answers: the kernels of both queries are loaded
(compiled on the first start, from numba's cache after) and the live indexes are built, so the
first sponsor or migrant to ask does not pay for them, even before any request exists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from vip.matching import indexes
from vip.matching.warm import warm_up
from vip.people.models import User

FRESH_PROCESS = """
import datetime as dt, json
from vip.matching.ranking import kernels
from vip.matching.ranking.warm import load_kernels
before = [len(kernels.rank_candidates.signatures), len(kernels.rank_opportunities.signatures)]
load_kernels(dt.date(2026, 12, 2))
after = [len(kernels.rank_candidates.signatures), len(kernels.rank_opportunities.signatures)]
print(json.dumps([before, after]))
"""


def test_loading_the_kernels_compiles_both_queries_in_a_fresh_process() -> None:
    run = subprocess.run([sys.executable, "-c", FRESH_PROCESS], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [[0, 0], [1, 1]]


def test_warm_up_builds_the_live_indexes(story: dict[str, User]) -> None:
    indexes.invalidate()
    warm_up()
    built = indexes._indexes  # what warm_up left, not what a query would build
    assert built is not None
    assert built.jurisdictions["US"].candidates.record(story["bishal"].pk).id == story["bishal"].pk


CACHE_PROBE = """
import datetime as dt, json
from vip.matching.ranking import kernels
from vip.matching.ranking.warm import load_kernels
load_kernels(dt.date(2026, 12, 2))
stats = [kernels.rank_candidates.stats, kernels.rank_opportunities.stats]
print(json.dumps([[sum(s.cache_misses.values()), sum(s.cache_hits.values())] for s in stats]))
"""


def test_the_first_start_writes_numbas_cache_and_the_next_start_loads_from_it(
    tmp_path: Path,
) -> None:
    """Compiled once (a fresh clone's first start), loaded from the cache by every start after:
    the second process compiles nothing."""
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)}

    def start() -> list[list[int]]:
        run = subprocess.run(
            [sys.executable, "-c", CACHE_PROBE], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        return list(json.loads(run.stdout))

    assert start() == [[1, 0], [1, 0]]  # compiled, and written to the empty cache
    assert start() == [[0, 1], [0, 1]]  # loaded from it

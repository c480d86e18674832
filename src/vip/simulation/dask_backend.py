"""The Dask backend: the same pure chunk function mapped over a cluster, reduced on the workers.

Each chunk draws its agents from (seed, chunk) and returns a small tally; tallies are summed in
batches on the workers as they arrive, so neither the client nor any worker ever holds more than
a few chunks. A local cluster is started unless an address is given.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial, reduce
from operator import add
from typing import Any

from distributed import Client, LocalCluster, as_completed

from vip.simulation.population import Draws, Tally, chunk_tally

MERGE_BATCH = 8
LOCAL_WORKERS = 2
LOCAL_MEMORY_LIMIT = "3GiB"
# One process per core already uses the cores: numba's own threads would only oversubscribe them.
WORKER_ENVIRONMENT = {"NUMBA_NUM_THREADS": "1"}


def merge(*tallies: Tally) -> Tally:
    return reduce(add, tallies)


@contextmanager
def client_for(address: str | None) -> Iterator[Client]:
    """A client on the given scheduler, or on a local cluster of one process per core."""
    if address is not None:
        with Client(address) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=LOCAL_WORKERS,
            threads_per_worker=1,
            memory_limit=LOCAL_MEMORY_LIMIT,
            dashboard_address=None,
            env=WORKER_ENVIRONMENT,
            # Workers log their own shutdown as errors; task errors still reach the client.
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def dask_tally(
    draws: Draws, address: str | None = None, report: Callable[[int, int], None] | None = None
) -> Tally:
    with client_for(address) as client:
        return reduce_on(client, draws, report)


def reduce_on(client: Client, draws: Draws, report: Callable[[int, int], None] | None) -> Tally:
    leaves = client.map(partial(chunk_tally, draws), range(draws.chunks), pure=False)
    leaf_keys = {leaf.key for leaf in leaves}
    arrivals = as_completed(leaves)  # type: ignore[no-untyped-call]
    waiting: list[Any] = []
    done = 0
    for future in arrivals:
        if future.key in leaf_keys:
            done += 1
            if report is not None:
                report(done, draws.chunks)
        waiting.append(future)
        last = arrivals.count() == 0  # type: ignore[no-untyped-call]
        if len(waiting) >= MERGE_BATCH or (last and len(waiting) > 1):
            arrivals.add(client.submit(merge, *waiting, pure=False))  # type: ignore[no-untyped-call]
            waiting = []
    result: Tally = waiting[0].result()
    return result

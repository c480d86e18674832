"""The ranking made ready before the first person asks (issue 13's cold start; vip.warm does
the rest of a server's warming).

A server calls `warm_up` once before it answers: numba loads the compiled ranking kernels from
its cache (compiling them into the cache on the very first start, which takes seconds), and the
live indexes are built from the database. Without it the first `candidates` or `opportunities`
after a start paid for both."""

from __future__ import annotations

from vip.clock import today
from vip.matching import indexes
from vip.matching.ranking.warm import load_kernels


def warm_up() -> None:
    load_kernels(today())
    indexes.current()

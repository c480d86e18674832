"""Firing many attempts at once: real threads, released together by a barrier."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import connection

from vip.errors import DomainError

T = TypeVar("T")

ATTEMPTS = 120
# PostgreSQL's max_connections (100 here) is shared by every pytest worker and by anyone else's
# run on the same server: of the threads released together, at most this many hold a database
# connection at the same moment; the others queue for a slot and go as soon as one frees.
CONNECTIONS = int(os.environ.get("VIP_TEST_RACE_CONNECTIONS", "24"))


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T | None = None
    refusal: DomainError | None = None
    crash: BaseException | None = None

    @property
    def code(self) -> str | None:
        return self.refusal.code if self.refusal else None


def race(attempts: Sequence[Callable[[], T]]) -> list[Outcome[T]]:
    """Run every attempt in its own thread, all released at once; a domain refusal is an
    outcome, anything else (IntegrityError, deadlock, ...) a crash that fails the test."""
    start = threading.Barrier(len(attempts), timeout=120)
    slots = threading.BoundedSemaphore(CONNECTIONS)

    def run(attempt: Callable[[], T]) -> Outcome[T]:
        start.wait()
        with slots:
            try:
                return Outcome(value=attempt())
            except DomainError as refusal:
                return Outcome(refusal=refusal)
            except Exception as crash:
                return Outcome(crash=crash)
            finally:
                connection.close()

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        outcomes = list(pool.map(run, attempts))
    crashes = [repr(o.crash) for o in outcomes if o.crash is not None]
    assert not crashes, f"{len(crashes)} attempts crashed, e.g. {crashes[:3]}"
    return outcomes


def tally(labels: Sequence[str | None]) -> dict[str | None, int]:
    return dict(Counter(labels))


def waiting_on_locks() -> int:
    """Sessions of this test database now queued for a lock another transaction holds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # the view is cached per transaction
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def wait_until_waiting(count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while waiting_on_locks() < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert waiting_on_locks() == count

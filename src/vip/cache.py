"""The shared cache's counters: the rate limits every worker counts in one place (CACHES: the
database cache by default, Redis by VIP_CACHE_URL).

Django's database cache increments with a read and a write of its own (`get`, then `set`: a row
count, a savepoint, a read and a write), so two workers counting at once could both write the same
number, and each count cost about twelve queries. `DatabaseCache.incr` here is one locked read and
one write, inside the caller's transaction; `count` increments first and adds the key only when it
is missing (a window's first count), as Redis's own atomic INCR serves the same calls.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction

from vip.clock import now
from vip.errors import RateLimited


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache whose `incr` is atomic: the row is read under a lock (FOR UPDATE
    where the database has it; SQLite serialises its writers) and written once."""

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        name = connection.ops.quote_name
        table, column = name(self.cache_model_class._meta.db_table), name("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        live = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))
        # No savepoint: within the caller's transaction the lock lasts until it commits.
        with transaction.atomic(using=db, savepoint=False), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {name('value')} FROM {table} WHERE {column} = %s"
                f" AND {name('expires')} >= %s{lock}",
                [key, live],
            )
            row = cursor.fetchone()
            if row is not None:
                value = int(pickle.loads(base64.b64decode(row[0].encode()))) + delta
                pickled = pickle.dumps(value, self.pickle_protocol)
                cursor.execute(
                    f"UPDATE {table} SET {name('value')} = %s WHERE {column} = %s",
                    [base64.b64encode(pickled).decode("latin1"), key],
                )
        if row is None:  # raised outside the block: the caller's transaction stays usable
            raise ValueError(f"Key '{key}' not found")
        return value


def count(key: str, window: int) -> int:
    """One more in the key's count, kept `window` seconds in the shared cache: the count so far."""
    try:
        return int(cache.incr(key))
    except ValueError:  # the window's first: add it, unless another worker just did
        return 1 if cache.add(key, 1, timeout=window) else int(cache.incr(key))


def rate_limit(name: str, who: object, per_window: int, window: int, code: str, what: str) -> None:
    """Refuses (429, Retry-After until the window ends) the one past `per_window` in a fixed
    window of `window` seconds, counted per `who` in the shared cache."""
    start = int(now().timestamp()) // window * window
    if count(f"vip:{name}:{who}:{start}", window) > per_window:
        retry_after = max(start + window - int(now().timestamp()), 1)
        raise RateLimited(code, f"too many {what}: try again later", retry_after)

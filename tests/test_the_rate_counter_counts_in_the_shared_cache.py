"""The rate limits' counter (vip.cache): kept in the shared cache's table (every worker reads
the same row, none counts in its own memory), incremented first and added only when missing,
refused past the limit with the window's Retry-After."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection

from vip.cache import count, rate_limit
from vip.errors import RateLimited

pytestmark = pytest.mark.django_db


def stored(key: str) -> int:
    """The count as the cache's table holds it (what another worker would read)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM vip_cache WHERE cache_key LIKE %s", [f"%{key}"])
        (rows,) = cursor.fetchone()
    assert rows == 1
    return int(cache.get(key))


def test_a_windows_first_count_adds_the_key_and_the_next_increment_it() -> None:
    assert [count("vip:test:a", 60) for _ in range(3)] == [1, 2, 3]
    assert stored("vip:test:a") == 3


def test_incrementing_a_missing_key_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not found"):
        cache.incr("vip:test:missing")


def test_an_expired_count_starts_again_from_one() -> None:
    cache.set("vip:test:old", 41, timeout=-1)  # expired already
    with pytest.raises(ValueError):
        cache.incr("vip:test:old")
    assert count("vip:test:old", 60) == 1


def test_the_one_past_the_limit_is_refused_with_retry_after() -> None:
    for _ in range(3):
        rate_limit("tests", "someone", 3, 300, "TOO_MANY_TESTS", "tests")
    with pytest.raises(RateLimited) as refused:
        rate_limit("tests", "someone", 3, 300, "TOO_MANY_TESTS", "tests")
    assert refused.value.code == "TOO_MANY_TESTS"
    assert 1 <= refused.value.retry_after <= 300
    rate_limit("tests", "someone else", 3, 300, "TOO_MANY_TESTS", "tests")  # counted apart


def test_counts_outlive_djangos_default_of_three_hundred_entries() -> None:
    people = range(400)  # more than Django's MAX_ENTRIES default, which would cull some
    for who in people:
        count(f"vip:test:many:{who}", 60)
    assert [count(f"vip:test:many:{who}", 60) for who in people] == [2] * len(people)

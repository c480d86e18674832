"""A hundred and twenty counts of one key at once, from as many threads and connections (as
many workers would): none is lost, none counted twice, the first adds the key."""

from __future__ import annotations

from functools import partial

import pytest
from django.core.cache import cache

from vip.cache import count

from tests.concurrency.race import ATTEMPTS, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_counts_made_at_once_are_each_counted_once() -> None:
    outcomes = race([partial(count, "vip:race:searches", 300) for _ in range(ATTEMPTS)])

    assert sorted(o.value for o in outcomes if o.value is not None) == list(range(1, ATTEMPTS + 1))
    assert cache.get("vip:race:searches") == ATTEMPTS

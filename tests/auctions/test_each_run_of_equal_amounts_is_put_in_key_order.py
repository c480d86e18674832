"""The tie order within each run of equal amounts (kernels.order_within_runs): short runs by
insertion, long ones by their first words then insertion, keys equal in their first words
ordered by the next, as a plain sort of (run, key) orders them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vip.auctions.kernels import SHORT_RUN, order_within_runs

# Small words, so that keys often agree in their first word (digests nearly never do).
_key = st.lists(st.integers(0, 3), min_size=4, max_size=4)


@settings(max_examples=300, deadline=None)
@given(
    runs=st.lists(st.integers(1, 3 * SHORT_RUN), min_size=1, max_size=6),
    data=st.data(),
)
def test_each_run_is_in_the_order_a_full_sort_of_run_and_key_gives(
    runs: list[int], data: st.DataObject
) -> None:
    size = sum(runs)
    keys = np.array(data.draw(st.lists(_key, min_size=size, max_size=size)), dtype=np.uint64)
    rows = np.array(data.draw(st.permutations(range(size))), dtype=np.intp)
    starts = np.concatenate(([0], np.cumsum(runs))).astype(np.intp)
    run_of = np.repeat(np.arange(len(runs)), runs)
    order = order_within_runs(starts, keys, rows)
    expected = sorted(range(size), key=lambda p: (run_of[p], keys[rows[p]].tolist()))
    assert [(run_of[p], keys[rows[p]].tolist()) for p in order.tolist()] == [
        (run_of[p], keys[rows[p]].tolist()) for p in expected
    ]
    assert sorted(order.tolist()) == list(range(size))

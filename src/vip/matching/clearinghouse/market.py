"""A two-sided market as CSR rank lists: proposers rank receivers, receivers rank proposers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import TypeVar

import numpy as np

from vip.matching.arrays import Int32Array, Int64Array
from vip.matching.clearinghouse.kernels import transpose_ranks

T = TypeVar("T")


def csr(lists: Sequence[Sequence[T]], number: Callable[[T], int]) -> tuple[Int64Array, Int32Array]:
    """Pack lists into (ptr, idx) arrays, `number` turning each item into its row number."""
    ptr = np.zeros(len(lists) + 1, np.int64)
    np.cumsum(np.fromiter(map(len, lists), np.int64, len(lists)), out=ptr[1:])
    idx = np.fromiter(map(number, chain.from_iterable(lists)), np.int32, int(ptr[-1]))
    return ptr, idx


@dataclass(frozen=True)
class Market:
    """Rank lists of both sides, best first, and each receiver's capacity (seats).

    Rows are numbered 0..n-1 on each side; lists hold no duplicates. A pair is acceptable only
    when each lists the other; `rank_at_receiver` and `rank_at_proposer` say so per list entry.
    """

    proposer_ptr: Int64Array
    proposer_idx: Int32Array
    receiver_ptr: Int64Array
    receiver_idx: Int32Array
    capacity: Int32Array
    rank_at_receiver: Int32Array = field(init=False)

    def __post_init__(self) -> None:
        ranks = transpose_ranks(
            self.proposer_ptr, self.proposer_idx, self.receiver_ptr, self.receiver_idx
        )
        object.__setattr__(self, "rank_at_receiver", ranks)

    @cached_property
    def rank_at_proposer(self) -> Int32Array:
        """Only receiver-proposing needs it, so it is computed on first use."""
        return transpose_ranks(
            self.receiver_ptr, self.receiver_idx, self.proposer_ptr, self.proposer_idx
        )

    @property
    def n_proposers(self) -> int:
        return int(self.proposer_ptr.shape[0] - 1)

    @property
    def n_receivers(self) -> int:
        return int(self.capacity.shape[0])

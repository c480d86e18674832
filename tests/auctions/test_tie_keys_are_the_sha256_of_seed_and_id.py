"""The tie keys hashed in bulk are hashlib's SHA-256 of `seed:id`, whatever the seed and ids."""

from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vip.auctions.clearing import BidIds, Rule, clear, tie_words


def _hashlib_words(seed: str, ids: list[str]) -> list[list[int]]:
    digests = (hashlib.sha256(f"{seed}:{bid}".encode()).digest() for bid in ids)
    return [[int.from_bytes(d[i : i + 8], "big") for i in range(0, 32, 8)] for d in digests]


def _every_key(seed: str, ids: list[str]) -> list[list[int]]:
    return tie_words(seed, BidIds.of(ids), np.arange(len(ids))).tolist()


@settings(max_examples=300, deadline=None)
@given(
    seed=st.one_of(st.text(max_size=8), st.text(min_size=60, max_size=140)),
    ids=st.lists(st.one_of(st.text(max_size=6), st.text(min_size=40, max_size=200)), max_size=40),
)
def test_tie_words_are_the_sha256_of_seed_and_id(seed: str, ids: list[str]) -> None:
    """Short and long seeds (a platform seed is 64 hex digits: a whole block of its own), ids
    of one and of several blocks, non-ASCII and NUL characters."""
    assert _every_key(seed, ids) == _hashlib_words(seed, ids)


def test_a_platform_seed_and_ten_thousand_ids_hash_as_hashlib_does() -> None:
    seed, ids = "ab" * 32, [f"ref-{i}" for i in range(10_000)]
    assert _every_key(seed, ids) == _hashlib_words(seed, ids)


def test_keys_equal_in_their_first_word_are_ordered_by_the_next() -> None:
    """Digests whose first 64 bits agree (never seen, but possible) still order by the rest."""
    amounts = np.array([7, 9, 7, 9, 7, 9, 3], dtype=np.int64)
    second = np.array([5, 2, 1, 8, 3, 0, 4], dtype=np.uint64)

    def colliding(indices: np.ndarray) -> np.ndarray:
        keys = np.zeros((indices.size, 4), dtype=np.uint64)
        keys[:, 1] = second[indices]
        return keys

    result = clear(amounts, 6, 0, Rule.HIGHEST_REJECTED, ties=colliding)
    assert result.winners.tolist() == [5, 1, 3, 2, 4, 0]

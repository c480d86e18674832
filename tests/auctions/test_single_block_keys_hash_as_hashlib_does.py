"""Keys whose padded message fits one block take their own path (sha256._compress_single); it
agrees with hashlib at every length around the block's edges, mixed with longer keys."""

from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vip.auctions.clearing import BidIds, seeded_ties
from vip.auctions.sha256 import TOUCHED, digest_words

EDGES = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120]


def _hashlib_words(prefix: str, messages: list[str]) -> list[list[int]]:
    digests = (hashlib.sha256(f"{prefix}{message}".encode()).digest() for message in messages)
    return [[int.from_bytes(d[i : i + 8], "big") for i in range(0, 32, 8)] for d in digests]


_ascii = st.one_of(st.sampled_from(EDGES), st.integers(0, 120)).map(lambda n: "x" * n)
_message = st.one_of(_ascii, st.text(max_size=40))  # non-ASCII: two to four bytes a character


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.text(max_size=70),
    messages=st.lists(_message, min_size=1, max_size=40),
    picks=st.lists(st.integers(0, 39), max_size=60),
)
def test_messages_of_zero_to_120_bytes_hash_as_hashlib_does(
    prefix: str, messages: list[str], picks: list[int]
) -> None:
    """Every message, then some picked in any order (repeated too): one row each, in that order."""
    laid = BidIds.of(messages)
    for chosen in (list(range(len(messages))), [i % len(messages) for i in picks]):
        words = digest_words(
            prefix, laid.data, laid.offsets, np.array(chosen, np.intp), laid.longest
        )
        assert words.tolist() == _hashlib_words(prefix, [messages[i] for i in chosen])


@settings(max_examples=100, deadline=None)
@given(picked=st.lists(st.integers(0, 999), max_size=3 * TOUCHED))
def test_seeded_ties_give_each_index_its_own_key_in_the_order_asked(picked: list[int]) -> None:
    """The ids are read ahead of their hashing, TOUCHED at a time: each row is still its own
    index's, across those batches and in any order asked."""
    ids = [f"bid-{i}-é" for i in range(1000)]
    keys = seeded_ties("seed", BidIds.of(ids))(np.array(picked, dtype=np.intp))
    assert keys.tolist() == _hashlib_words("seed:", [ids[i] for i in picked])

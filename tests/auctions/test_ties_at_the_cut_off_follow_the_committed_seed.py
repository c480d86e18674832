"""Equal bids at the cut-off: the seed, through SHA-256 of `seed:id`, decides who wins."""

from __future__ import annotations

import hashlib

import numpy as np

from vip.auctions.clearing import BidIds, Rule, clear, seed_commitment, seeded_ties


def test_the_lowest_hash_of_seed_and_id_wins_the_last_seat() -> None:
    ids = ["ana", "bishal", "chen"]
    hashes = {bid: hashlib.sha256(f"2026-seed:{bid}".encode()).hexdigest() for bid in ids}
    result = clear(
        np.array([500, 500, 500]),
        1,
        0,
        Rule.HIGHEST_REJECTED,
        ties=seeded_ties("2026-seed", BidIds.of(ids)),
    )
    assert [ids[i] for i in result.winners] == [min(ids, key=hashes.__getitem__)]
    assert result.price == 500


def test_another_seed_can_change_the_winner_but_not_the_price() -> None:
    ids = [f"bidder-{i}" for i in range(8)]
    amounts = np.array([900, *[400] * 7])
    winners = set()
    for seed in ("a", "b", "c", "d", "e", "f"):
        result = clear(amounts, 3, 0, Rule.LOWEST_ACCEPTED, ties=seeded_ties(seed, BidIds.of(ids)))
        assert result.price == 400
        assert ids[result.winners[0]] == "bidder-0"
        winners.add(tuple(result.winners.tolist()))
    assert len(winners) > 1


def test_the_commitment_is_the_seeds_sha256() -> None:
    assert seed_commitment("abc") == hashlib.sha256(b"abc").hexdigest()

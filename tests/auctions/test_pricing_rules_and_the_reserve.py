"""The two pricing rules and the reserve, on small auctions one can check by hand."""

from __future__ import annotations

import numpy as np
import pytest

from vip.auctions.clearing import Rule, clear


def bids(*amounts: int) -> np.ndarray:
    return np.array(amounts, dtype=np.int64)


def test_the_default_price_is_the_highest_rejected_bid() -> None:
    result = clear(bids(100, 700, 300, 500), 2, 0)
    assert result.price == 300
    assert result.winners.tolist() == [1, 3]


def test_the_alternative_price_is_the_lowest_accepted_bid() -> None:
    assert clear(bids(100, 700, 300, 500), 2, 0, Rule.LOWEST_ACCEPTED).price == 500


def test_bids_below_the_reserve_are_rejected_and_counted() -> None:
    result = clear(bids(100, 700, 300, 500), 2, 400)
    assert result.rejected_below_reserve == 2
    assert result.winners.tolist() == [1, 3]


def test_fewer_valid_bids_than_the_quota_clear_at_the_reserve() -> None:
    result = clear(bids(100, 700, 300, 500), 3, 400, Rule.HIGHEST_REJECTED)
    assert result.price == 400
    assert result.winners.tolist() == [1, 3]


def test_no_bids_clear_nothing_at_the_reserve() -> None:
    result = clear(bids(), 5, 250)
    assert (result.price, result.admitted, result.winners.size) == (250, 0, 0)


def test_a_quota_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="quota"):
        clear(bids(1, 2), 0, 0)


def test_people_in_bins_clear_at_the_bin_of_the_first_person_left_out() -> None:
    """The simulator's use: 2.5 people bid 900, 2 bid 600, 4 bid 300; 3 seats."""
    amounts = np.array([300.0, 900.0, 600.0])
    counts = np.array([4.0, 2.5, 2.0])
    highest = clear(amounts, 3, 0.0, counts=counts)
    assert (highest.price, highest.admitted) == (600.0, 3)
    assert highest.winners.tolist() == [1, 2]
    assert clear(amounts, 4.5, 0.0, Rule.HIGHEST_REJECTED, counts=counts).price == 300.0
    assert clear(amounts, 4.5, 0.0, Rule.LOWEST_ACCEPTED, counts=counts).price == 600.0
    assert clear(amounts, 20, 100.0, counts=counts).price == 100.0

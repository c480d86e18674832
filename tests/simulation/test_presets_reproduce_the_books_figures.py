"""Each preset in accounting mode against the figures of Radical Markets, ch. 3.

Tolerances come from how the book rounds: a figure printed as "about 5.7%" is rounded to one
decimal, so the exact value lies within half a unit of its last digit (0.05 points); "$8,000"
and "$6,000" are rounded to the thousand (within $500); "$2,200" to the hundred (within $50);
"20 percent" to the ten (within 5 points); "five times" to the unit (within 0.5).
"""

from __future__ import annotations

import pytest

from vip.simulation.accounting import run
from vip.simulation.inputs import load_preset


def half_unit(last_digit: float) -> float:
    """The largest error of a figure rounded to this unit: half of it."""
    return last_digit / 2


def test_auction_preset_reproduces_the_books_host_income_gain() -> None:
    outcome = run(load_preset("radical-markets-auction"))
    assert outcome.host_income_change_pct == pytest.approx(5.7, abs=half_unit(0.1))


def test_auction_preset_reproduces_the_books_gain_per_family_of_four() -> None:
    outcome = run(load_preset("radical-markets-auction"))
    assert outcome.gain_per_family_of_four_year == pytest.approx(8000, abs=half_unit(1000))


def test_auction_preset_reproduces_the_migrants_net_gain() -> None:
    outcome = run(load_preset("radical-markets-auction"))
    assert outcome.migrant_net_gain_year == pytest.approx(5000, abs=half_unit(1000))
    assert outcome.migrants == pytest.approx(1.3e9 / 3)


def test_global_preset_reproduces_the_gain_per_person_on_earth() -> None:
    outcome = run(load_preset("radical-markets-global"))
    assert outcome.details["gain_per_person_on_earth_year"] == pytest.approx(
        2200, abs=half_unit(100)
    )
    assert outcome.global_income_change_pct == pytest.approx(20, abs=half_unit(10))


def test_vip_us_preset_reproduces_the_sponsors_and_familys_gains() -> None:
    outcome = run(load_preset("vip-us"))
    assert outcome.gain_per_sponsor_year == pytest.approx(6000, abs=half_unit(1000))
    assert outcome.gain_per_family_of_four_year == pytest.approx(15000, abs=half_unit(1000))


def test_vip_us_preset_reproduces_bishals_income_multiple_and_the_number_of_migrants() -> None:
    outcome = run(load_preset("vip-us"))
    assert outcome.migrant_income_multiple == pytest.approx(5, abs=half_unit(1))
    assert outcome.migrants == pytest.approx(100e6, abs=half_unit(1e6))
    assert outcome.inputs["migrants.current"] == 24e6

"""Every accounting figure moves the right way, by the right amount, when its input changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vip.simulation.accounting import run
from vip.simulation.inputs import load_preset

money = st.floats(min_value=100, max_value=100_000)
bids = st.floats(min_value=0, max_value=11_000)  # up to the migrant's gain
shares = st.floats(min_value=0.01, max_value=2.0)


@given(bid=bids, share=shares)
def test_the_auction_dividend_is_the_bid_times_migrants_per_citizen(
    bid: float, share: float
) -> None:
    scenario = load_preset("radical-markets-auction").with_values(
        {"auction.bid_per_year": bid, "migrants.share_of_host_population": share}
    )
    outcome = run(scenario)
    assert outcome.dividend_per_citizen_year == pytest.approx(bid * share)
    assert outcome.gain_per_family_of_four_year == pytest.approx(4 * bid * share)
    assert outcome.host_income_change_pct == pytest.approx(100 * bid * share / 35_000)


@given(pair=st.lists(bids, min_size=2, max_size=2))
def test_a_higher_bid_moves_gain_from_migrants_to_natives(pair: list[float]) -> None:
    low, high = (
        run(load_preset("radical-markets-auction").with_values({"auction.bid_per_year": bid}))
        for bid in sorted(pair)
    )
    assert high.dividend_per_citizen_year >= low.dividend_per_citizen_year  # type: ignore[operator]
    assert high.migrant_net_gain_year <= low.migrant_net_gain_year  # type: ignore[operator]


@given(world=st.floats(min_value=1e9, max_value=2e10), gain=money)
def test_the_gain_per_person_on_earth_falls_with_world_population(
    world: float, gain: float
) -> None:
    scenario = load_preset("radical-markets-global").with_values(
        {"world.population": world, "migrants.gain_per_year": gain}
    )
    assert run(scenario).details["gain_per_person_on_earth_year"] == pytest.approx(
        1.3e9 * gain / world
    )


@given(
    pay=st.floats(min_value=3_000, max_value=50_000),
    premium=st.floats(min_value=0, max_value=5_000),
)
def test_a_sponsor_keeps_half_the_gain_less_his_obligations(pay: float, premium: float) -> None:
    scenario = load_preset("vip-us").with_values(
        {"migrants.pay_from_sponsor_per_year": pay, "obligations.insurance_premium": premium}
    )
    outcome = run(scenario)
    # Half the gain over $2,400 at home, when the migrant keeps `pay`: the host gets pay - 2,400.
    assert outcome.gain_per_sponsor_year == pytest.approx(pay - 2_400 - premium - 600)
    assert outcome.migrant_income_multiple == pytest.approx(pay / 2_400)

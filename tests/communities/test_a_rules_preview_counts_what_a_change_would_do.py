"""The preview of a change of rules, a pure function: the households over a new cap are those
with more live visas than it allows, every visa stays, and an open zone lifts every limit."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from vip.communities.rules import Limits, Load, cap, effect

households = st.dictionaries(
    st.text(min_size=1, max_size=8), st.integers(min_value=1, max_value=6), max_size=30
)
optional_cap = st.none() | st.integers(min_value=0, max_value=8)


@given(households, optional_cap)
def test_the_households_over_a_cap_are_those_holding_more_than_it(
    per_household: dict[str, int], household_cap: int | None
) -> None:
    found = effect(Limits(max_per_household=household_cap), Load(1000, per_household, {}))
    expected_over = (
        0
        if household_cap is None
        else len([n for n in per_household.values() if n > household_cap])
    )
    expected_at = (
        0
        if household_cap is None
        else len([n for n in per_household.values() if n >= household_cap])
    )
    assert found.households_over_cap == expected_over
    assert found.households_at_cap == expected_at
    assert found.households_over_cap <= found.households_at_cap
    assert found.live_visas == sum(per_household.values())  # none is revoked


@given(households, optional_cap, optional_cap)
def test_an_open_zone_counts_nothing_over_any_cap(
    per_household: dict[str, int], household_cap: int | None, community_cap: int | None
) -> None:
    limits = Limits(
        max_active_visas=community_cap,
        max_per_household=household_cap,
        allowed_sectors=frozenset(),
        open_zone=True,
    )
    found = effect(limits, Load(1000, per_household, {"construction": 1}))
    assert (found.households_over_cap, found.visas_over_cap, found.visas_outside_sectors) == (
        0,
        0,
        0,
    )
    assert not found.closes_applications


@given(
    st.integers(min_value=0, max_value=200),
    st.none() | st.integers(min_value=0, max_value=300),
    st.none() | st.fractions(min_value=0, max_value=50, max_denominator=1000),
    st.integers(min_value=0, max_value=100_000),
)
def test_the_cap_is_the_lower_of_the_two_and_visas_over_it_are_counted(
    live: int, absolute: int | None, per_1000: Fraction | None, population: int
) -> None:
    limits = Limits(max_active_visas=absolute, max_per_1000_residents=per_1000)
    found = effect(limits, Load(population, {"h": live} if live else {}, {}))
    caps = [
        c
        for c in (absolute, None if per_1000 is None else int(per_1000 * population / 1000))
        if c is not None
    ]
    assert found.cap == cap(limits, population) == (min(caps) if caps else None)
    assert found.visas_over_cap == (max(live - min(caps), 0) if caps else 0)
    assert found.closes_applications == (bool(caps) and live >= min(caps))


def test_two_households_over_a_lowered_cap_keep_their_visas() -> None:
    load = Load(60_000, {"12 Elm St": 2, "3 Oak Rd": 3, "9 Pine Ave": 1}, {"construction": 6})
    found = effect(Limits(max_per_household=1, allowed_sectors=frozenset({"care"})), load)
    assert (found.households_over_cap, found.households_at_cap) == (2, 3)
    assert (found.live_visas, found.visas_outside_sectors) == (6, 6)

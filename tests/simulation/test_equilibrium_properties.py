"""Monotonicity of the equilibrium, checked with hypothesis over the inputs that drive it.

The solver keeps the last feasible point of a bisection on a predicate that only gets harder, so
these hold exactly up to floating-point rounding (a relative 1e-9 allows for it).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vip.simulation.outcome import SimulationOutcome
from vip.simulation.runner import run

from .conftest import SmallScenario

ROUNDING = 1e-9
examples = settings(max_examples=20, deadline=None)
seeds = st.integers(min_value=0, max_value=2**32 - 1)
wages = st.floats(min_value=8_000, max_value=40_000)
elasticities = st.floats(min_value=0.5, max_value=6.0)


def at_most(later: float | None, earlier: float | None) -> bool:
    assert later is not None and earlier is not None
    return later <= earlier + ROUNDING * abs(earlier)


@examples
@given(
    seed=seeds,
    quotas=st.lists(st.floats(min_value=0, max_value=6e8), min_size=2, max_size=2),
    wage=wages,
    elasticity=elasticities,
)
def test_a_bigger_quota_never_raises_the_auction_price(
    small: SmallScenario, seed: int, quotas: list[float], wage: float, elasticity: float
) -> None:
    smaller, bigger = sorted(quotas)

    def auction(quota: float) -> SimulationOutcome:
        return run(
            small(
                "vip-us",
                {
                    "mechanism.name": "auction",
                    "mechanism.auction_quota": quota,
                    "simulation.seed": seed,
                    "labour.migrant_wage": wage,
                    "labour.demand_elasticity": elasticity,
                },
            )
        )

    assert at_most(auction(bigger).price_per_migrant_year, auction(smaller).price_per_migrant_year)


@examples
@given(
    seed=seeds,
    costs=st.lists(st.floats(min_value=0, max_value=30_000), min_size=2, max_size=2),
    premium=st.floats(min_value=0, max_value=10_000),
    rule=st.sampled_from(["gain_share", "market"]),
    wage=wages,
)
def test_higher_hosting_costs_never_raise_participation(
    small: SmallScenario, seed: int, costs: list[float], premium: float, rule: str, wage: float
) -> None:
    lower, higher = sorted(costs)

    def participation(cost: float, extra_premium: float) -> float | None:
        scenario = small(
            "vip-us",
            {
                "hosting.cost_median": cost,
                "obligations.insurance_premium": 3000 + extra_premium,
                "mechanism.vip_transfer": rule,
                "simulation.seed": seed,
                "labour.migrant_wage": wage,
            },
        )
        return run(scenario).sponsor_participation_rate

    assert at_most(participation(higher, 0), participation(lower, 0))
    assert at_most(participation(lower, premium), participation(lower, 0))


@examples
@given(
    seed=seeds,
    pools=st.lists(st.floats(min_value=1e6, max_value=2e9), min_size=2, max_size=2),
    cost=st.floats(min_value=0, max_value=10_000),
    wage=wages,
    elasticity=elasticities,
)
def test_a_larger_migrant_pool_never_raises_the_gain_per_sponsor(
    small: SmallScenario, seed: int, pools: list[float], cost: float, wage: float, elasticity: float
) -> None:
    smaller, larger = sorted(pools)

    def gain(pool: float) -> float | None:
        scenario = small(
            "vip-us",
            {
                "migrants.pool": pool,
                "hosting.cost_median": cost,
                "simulation.seed": seed,
                "labour.migrant_wage": wage,
                "labour.demand_elasticity": elasticity,
            },
        )
        return run(scenario).gain_per_sponsor_year

    small_gain, large_gain = gain(smaller), gain(larger)
    if small_gain is not None and large_gain is not None:
        assert at_most(large_gain, small_gain)
    else:
        assert large_gain is None  # no sponsor at all in the larger pool's country either

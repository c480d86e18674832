from __future__ import annotations

from vip.simulation.runner import run

from .conftest import SmallScenario


def test_the_same_seed_gives_the_same_figures(small: SmallScenario) -> None:
    first = run(small("vip-us", {"simulation.seed": 7})).to_json()
    second = run(small("vip-us", {"simulation.seed": 7})).to_json()
    assert first == second


def test_another_seed_draws_other_agents(small: SmallScenario) -> None:
    first = run(small("vip-us", {"simulation.seed": 7}))
    second = run(small("vip-us", {"simulation.seed": 8}))
    assert first.migrants != second.migrants


def test_chunking_changes_memory_not_the_model(small: SmallScenario) -> None:
    # Other chunk sizes draw other agents from the same law: figures agree to sampling error.
    one = run(small("vip-us", {"simulation.agents": 40_000}))
    many = run(small("vip-us", {"simulation.agents": 40_000, "simulation.chunk_agents": 5_000}))
    assert abs(one.migrants - many.migrants) / one.migrants < 0.05

from __future__ import annotations

import numpy as np
import pytest

from vip.simulation.labour import labour_of
from vip.simulation.population import draws_of
from vip.simulation.runner import numpy_tally, run

from .conftest import SmallScenario


def test_the_same_seed_gives_the_same_figures(small: SmallScenario) -> None:
    first = run(small("vip-us", {"simulation.seed": 7})).to_json()
    second = run(small("vip-us", {"simulation.seed": 7})).to_json()
    assert first == second


def test_another_seed_draws_other_agents(small: SmallScenario) -> None:
    first = run(small("vip-us", {"simulation.seed": 7}))
    second = run(small("vip-us", {"simulation.seed": 8}))
    assert first.migrants != second.migrants


def test_chunking_changes_memory_not_the_agents(small: SmallScenario) -> None:
    # Draws are counter-based: agent i draws the same in any chunk; only sums are reordered.
    one = run(small("vip-us", {"simulation.agents": 40_000})).to_json()
    for chunk_agents in (5_000, 7_001):
        many = run(
            small("vip-us", {"simulation.agents": 40_000, "simulation.chunk_agents": chunk_agents})
        ).to_json()
        for key, value in one.items():
            if isinstance(value, float):
                assert many[key] == pytest.approx(value, rel=1e-9), key


def test_any_chunking_tallies_the_same_agents(small: SmallScenario) -> None:
    scenario = small("vip-us", {"simulation.agents": 30_001})
    whole = numpy_tally(draws_of(scenario, labour_of(scenario)))
    for chunk_agents in (1_000, 4_999):
        chunked = scenario.with_values({"simulation.chunk_agents": chunk_agents})
        tally = numpy_tally(draws_of(chunked, labour_of(chunked)))
        np.testing.assert_array_equal(tally.native_count, whole.native_count)
        np.testing.assert_array_equal(tally.migrant_count, whole.migrant_count)
        np.testing.assert_allclose(tally.native_cost, whole.native_cost, rtol=1e-12)
        np.testing.assert_allclose(tally.migrant_home, whole.migrant_home, rtol=1e-12)

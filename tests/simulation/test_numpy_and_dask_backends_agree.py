from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from distributed import Client, LocalCluster

from vip.simulation import model
from vip.simulation.dask_backend import reduce_on
from vip.simulation.runner import numpy_tally

from .conftest import SmallScenario


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def test_numpy_and_dask_give_the_same_equilibrium_on_a_size_both_can_run(
    small: SmallScenario, client: Client
) -> None:
    scenario = small("vip-us", {"simulation.agents": 60_000, "simulation.chunk_agents": 7_000})
    on_numpy = model.run(scenario, numpy_tally).to_json()
    on_dask = model.run(scenario, lambda draws: reduce_on(client, draws, None)).to_json()
    for key, value in on_numpy.items():
        if isinstance(value, float):
            assert on_dask[key] == pytest.approx(value, rel=1e-9), key
    assert on_dask["inputs"] == on_numpy["inputs"]


def test_the_dask_reduction_sums_every_chunk_exactly_once(
    small: SmallScenario, client: Client
) -> None:
    scenario = small("vip-us", {"simulation.agents": 30_000, "simulation.chunk_agents": 2_000})
    draws = model.draws_of(scenario, model.labour_of(scenario))
    on_numpy, on_dask = numpy_tally(draws), reduce_on(client, draws, None)
    assert on_dask.migrants_drawn == on_numpy.migrants_drawn == draws.migrant_agents
    np.testing.assert_array_equal(on_dask.native_count, on_numpy.native_count)


def test_dask_in_small_chunks_gives_what_numpy_gives_in_one(
    small: SmallScenario, client: Client
) -> None:
    whole = small("vip-us", {"simulation.agents": 20_000})
    chunked = whole.with_values({"simulation.chunk_agents": 3_001})
    on_numpy = model.run(whole, numpy_tally).to_json()
    on_dask = model.run(chunked, lambda draws: reduce_on(client, draws, None)).to_json()
    for key, value in on_numpy.items():
        if isinstance(value, float):
            assert on_dask[key] == pytest.approx(value, rel=1e-9), key

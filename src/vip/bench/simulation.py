"""`vip bench simulate`: agents per second against a memory-bandwidth floor from the same run.

The floor is a numpy pass (a sum) over as many bytes as the agents' draws and values would take
(the kernels draw them in their loops and store none), timed in this run on this machine;
ratio = floor seconds / case seconds, so 1.0 means "as fast as reading the draws once".
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial

import numpy as np
import psutil
from rich.console import Console
from rich.table import Table

from vip.simulation import model
from vip.simulation.inputs import Mode, Scenario, load_preset
from vip.simulation.labour import labour_of
from vip.simulation.population import chunk_tally, draws_of, tally_natives
from vip.simulation.runner import Backend, Compute, ProgressBar, run

NATIVE_BYTES = 8 + 8  # z_income, z_cost, were they stored
MIGRANT_BYTES = 8 * 5  # uniform, z_home, z_move -> home, reservation, were they stored
FLOOR_BUFFER_BYTES = 512 * 2**20  # larger than any cache, so the sum runs at memory speed
MEMORY_SAMPLE_SECONDS = 0.02
MILLION = 1_000_000


@dataclass
class Result:
    name: str
    size: int
    seconds: float
    baseline: str
    baseline_seconds: float
    ratio: float = field(init=False)
    extra: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ratio = self.baseline_seconds / self.seconds

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data.update(data.pop("extra"))
        return data


def _best_of(repeats: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def memory_bandwidth() -> float:
    """Bytes per second of a numpy sum over a buffer larger than the caches, best of five."""
    buffer = np.ones(FLOOR_BUFFER_BYTES // 8)
    return FLOOR_BUFFER_BYTES / _best_of(5, buffer.sum)


@contextmanager
def peak_memory(processes: Callable[[], list[psutil.Process]]) -> Iterator[dict[str, float]]:
    """Sample the resident memory of some processes in a thread; yields {"peak_memory_mib"}."""
    found = {"peak_memory_mib": 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            total = 0
            for process in processes():
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            found["peak_memory_mib"] = max(found["peak_memory_mib"], total / 2**20)
            stop.wait(MEMORY_SAMPLE_SECONDS)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        stop.set()
        thread.join()


def this_process() -> list[psutil.Process]:
    return [psutil.Process()]


def process_tree() -> list[psutil.Process]:
    me = psutil.Process()
    return [me, *me.children(recursive=True)]


def _scenario(agents: int, chunk_agents: int) -> Scenario:
    return load_preset("vip-us", Mode.EQUILIBRIUM).with_values(
        {"simulation.agents": agents, "simulation.chunk_agents": chunk_agents}, "bench"
    )


def kernel_case(agents: int, bandwidth: float) -> Result:
    """The fused natives kernel alone: each native drawn by index and tallied in one pass."""
    scenario = _scenario(agents, agents)
    draws = draws_of(scenario, labour_of(scenario))
    natives = draws.native_agents
    run = partial(tally_natives, draws, 0, natives)
    run()  # compile outside the timing
    seconds = _best_of(3, run)
    floor = natives * NATIVE_BYTES / bandwidth
    return Result("kernel.tally_natives", natives, seconds, _floor_name(bandwidth), floor)


def equilibrium_case(agents: int, bandwidth: float) -> Result:
    """Draw and bin every agent once, then bisect on the bins: the equilibrium without the
    sample's figures."""
    scenario = _scenario(agents, agents)
    draws = draws_of(scenario, labour_of(scenario))
    iterations = 0

    def bin_and_solve() -> None:
        nonlocal iterations
        country = model.country_of(scenario, draws, chunk_tally(draws, 0))
        iterations = model.solve(scenario, country.market).iterations

    bin_and_solve()  # compile outside the timing
    seconds = _best_of(3, bin_and_solve)
    floor = (draws.native_agents * NATIVE_BYTES + draws.migrant_agents * 16) / bandwidth
    result = Result("equilibrium.bin_and_solve", agents, seconds, _floor_name(bandwidth), floor)
    result.extra["iterations"] = iterations
    return result


def simulate_case(agents: int, bandwidth: float, backend: Compute, report: Console) -> Result:
    """The whole equilibrium run: draw, tally, solve, report; memory bounded by the chunk size."""
    chunk_agents = min(agents, CHUNK_AGENTS[backend])
    scenario = _scenario(agents, chunk_agents)
    watched = this_process if backend == Compute.NUMPY else process_tree
    with peak_memory(watched) as memory:
        start = time.perf_counter()
        with ProgressBar(report, label=f"{backend} {agents:,} agents") as progress:
            outcome = run(scenario, Backend(backend), progress)
        seconds = time.perf_counter() - start
    floor = agents / 2 * (NATIVE_BYTES + MIGRANT_BYTES) / bandwidth
    result = Result(f"simulate.{backend}", agents, seconds, _floor_name(bandwidth), floor)
    result.extra.update(agents_per_second=agents / seconds, **memory)
    # The answer itself, so that runs on different backends can be compared.
    result.extra.update(
        migrants=outcome.migrants, gain_per_sponsor_year=outcome.gain_per_sponsor_year or 0.0
    )
    report.print(f"{result.name} {agents:,} agents: {seconds:.2f} s", highlight=False)
    return result


def _floor_name(bandwidth: float) -> str:
    return f"numpy sum over the same bytes ({bandwidth / 1e9:.1f} GB/s)"


FULL_SIZES = {
    Compute.NUMPY: (MILLION, 10 * MILLION, 100 * MILLION),
    Compute.DASK: (1000 * MILLION,),
}
QUICK_SIZES = {Compute.NUMPY: (MILLION,), Compute.DASK: (2 * MILLION,)}
CHUNK_AGENTS = {Compute.NUMPY: 5 * MILLION, Compute.DASK: 5 * MILLION}


def results(quick: bool, console: Console) -> list[Result]:
    bandwidth = memory_bandwidth()
    size = MILLION if quick else 10 * MILLION
    found = [kernel_case(size, bandwidth), equilibrium_case(size, bandwidth)]
    for backend, sizes in (QUICK_SIZES if quick else FULL_SIZES).items():
        found += [simulate_case(agents, bandwidth, backend, console) for agents in sizes]
    return found


def main(as_json: bool, quick: bool, console: Console) -> None:
    found = results(quick, console)
    if as_json:
        sys.stdout.write(json.dumps({"results": [item.to_json() for item in found]}) + "\n")
        return
    table = Table(title="vip bench simulate")
    for column in ("name", "size", "seconds", "ratio", "agents/s", "peak MiB", "baseline"):
        table.add_column(column)
    for item in found:
        rate = item.extra.get("agents_per_second", item.size / item.seconds)
        peak = item.extra.get("peak_memory_mib")
        table.add_row(
            item.name,
            f"{item.size:,}",
            f"{item.seconds:.3f}",
            f"{item.ratio:.2f}",
            f"{rate:,.0f}",
            "" if peak is None else f"{peak:,.0f}",
            item.baseline,
        )
    Console().print(table)

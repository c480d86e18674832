"""Weighted agents drawn by index from a counter-based generator, reduced to binned tallies.

Agent i's draws are a pure function of (seed, stream, i) (`counter_rng`): a chunk holds agents
first..end-1 and draws exactly what those agents draw in any other chunking, on any backend, in
any order. Chunks change memory and the order of floating-point sums, never the agents. Each
agent stands for `adults / native agents` natives or `pool / kept migrant agents` migrants.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from vip.simulation import counter_rng, kernels
from vip.simulation.inputs import InputError, Scenario
from vip.simulation.labour import Labour

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
PRICE_RANGE_USD = (1.0, 1.0e7)
COMMUNITY_STREAM = 0  # the seed sequence of the communities' sizes


@dataclass(frozen=True)
class Draws:
    """Laws of the agents' characteristics and how they are split into chunks."""

    native_agents: int
    migrant_agents: int
    chunk_agents: int
    seed: int
    bins: int
    communities: int
    cost_law: Floats  # log cost median, income sigma, income elasticity, cost sigma
    income_law: Floats  # log income median, income sigma
    origin_law: Floats  # rows: cumulative share, log median home income, sigma
    moving_law: Floats  # log median moving cost, sigma
    reservation_ceiling: float  # USD/year: the host wage at the most migrants the model admits
    community_starts: Ints  # natives community_starts[k]..community_starts[k + 1] - 1 live in k

    @property
    def chunks(self) -> int:
        return max(1, math.ceil((self.native_agents + self.migrant_agents) / self.chunk_agents))

    @property
    def bin_law(self) -> Floats:
        low, high = (math.log(price) for price in PRICE_RANGE_USD)
        return np.array([low, (high - low) / self.bins])

    def bin_edges(self) -> Floats:
        """Lower edges of the price bins plus the last upper edge, USD per year."""
        low, width = self.bin_law
        edges: Floats = np.exp(low + width * np.arange(self.bins + 1))
        return edges

    def span(self, total: int, chunk: int) -> tuple[int, int]:
        """The agents (first, end) of `total` that chunk `chunk` draws: an even split,
        remainder first."""
        base, extra = divmod(total, self.chunks)
        first = chunk * base + min(chunk, extra)
        return first, first + base + (1 if chunk < extra else 0)

    def key(self, stream: int) -> np.uint64:
        return np.uint64(counter_rng.stream_key(self.seed, stream))


def community_starts(seed: int, natives: int, communities: int) -> Ints:
    """Each native lives in a community drawn uniformly; drawing the communities' sizes
    (multinomially, from the seed) and numbering natives community by community is the same
    law, and lets the kernel fill one community's row at a time."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, COMMUNITY_STREAM])))
    sizes = rng.multinomial(natives, np.full(communities, 1.0 / communities))
    starts: Ints = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    return starts


def _origin_law(scenario: Scenario) -> Floats:
    names = sorted(
        {key.split(".")[2] for key in scenario.inputs if key.startswith("migrants.origins.")}
    )
    if not names:
        raise InputError("migrants.origins", "give at least one origin")
    rows = []
    for name in names:
        prefix = f"migrants.origins.{name}."
        median = scenario.number(prefix + "home_income_median")
        rows.append([scenario.number(prefix + "share"), math.log(max(median, 1e-9))])
        rows[-1].append(scenario.number(prefix + "home_income_sigma"))
    law = np.array(rows)
    total = law[:, 0].sum()
    if total <= 0:
        raise InputError("migrants.origins", "the origins' shares must not all be zero")
    law[:, 0] = np.cumsum(law[:, 0]) / total
    return law


def draws_of(scenario: Scenario, labour: Labour) -> Draws:
    agents = int(scenario.number("simulation.agents"))
    seed = int(scenario.number("simulation.seed"))
    communities = int(scenario.number("communities.count"))
    return Draws(
        native_agents=agents // 2,
        migrant_agents=agents - agents // 2,
        chunk_agents=int(scenario.number("simulation.chunk_agents")),
        seed=seed,
        bins=int(scenario.number("simulation.bins")),
        communities=communities,
        cost_law=np.array(
            [
                math.log(max(scenario.number("hosting.cost_median"), 1e-9)),
                scenario.number("natives.income_sigma"),
                scenario.number("hosting.income_elasticity"),
                scenario.number("hosting.cost_sigma"),
            ]
        ),
        income_law=np.array(
            [
                math.log(max(scenario.number("natives.income_median"), 1e-9)),
                scenario.number("natives.income_sigma"),
            ]
        ),
        origin_law=_origin_law(scenario),
        moving_law=np.array(
            [
                math.log(max(scenario.number("migrants.moving_cost_median"), 1e-9)),
                scenario.number("migrants.moving_cost_sigma"),
            ]
        ),
        reservation_ceiling=labour.wage(labour.most_migrants),
        community_starts=community_starts(seed, agents // 2, communities),
    )


@dataclass
class Tally:
    """Sufficient statistics of the agents, per price bin (USD per year), summed over chunks."""

    native_count: Floats  # [community, cost bin]
    native_cost: Floats  # [community, cost bin], USD per year
    migrant_count: Floats  # [reservation bin]
    migrant_reservation: Floats  # [reservation bin], USD per year
    migrant_home: Floats  # [reservation bin], USD per year
    migrants_drawn: int

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.native_count + other.native_count,
            self.native_cost + other.native_cost,
            self.migrant_count + other.migrant_count,
            self.migrant_reservation + other.migrant_reservation,
            self.migrant_home + other.migrant_home,
            self.migrants_drawn + other.migrants_drawn,
        )


@dataclass(frozen=True)
class NativeAgents:
    """Some natives (the sample): income and hosting cost, USD per year, and community."""

    income: Floats
    cost: Floats
    community: Ints


@dataclass(frozen=True)
class MigrantAgents:
    home: Floats  # USD per year
    reservation: Floats  # home income plus moving cost, USD per year


def chunk_tally(draws: Draws, chunk: int) -> Tally:
    """Draw one chunk's agents and reduce them to their tally (a pure function of draws and
    chunk; the agents are the same in any chunking)."""
    count, cost = tally_natives(draws, *draws.span(draws.native_agents, chunk))
    parts = kernels.empty_migrant_parts(draws.bins)
    first, end = draws.span(draws.migrant_agents, chunk)
    kernels.tally_migrants(
        draws.key(counter_rng.MIGRANT),
        first,
        end,
        draws.origin_law,
        draws.moving_law,
        draws.reservation_ceiling,
        draws.bin_law,
        parts,
    )
    migrant_count, reservation_sum, home_sum = np.add.reduce(parts, axis=0)  # parts in order
    return Tally(count, cost, migrant_count, reservation_sum, home_sum, end - first)


def tally_natives(draws: Draws, first: int, end: int) -> tuple[Floats, Floats]:
    """Natives first..end-1 per (community, cost bin), and their hosting costs (USD per year)."""
    count, cost = kernels.empty_native_tally(draws.communities, draws.bins)
    kernels.tally_natives(
        draws.key(counter_rng.NATIVE_COST),
        first,
        end,
        draws.community_starts,
        draws.cost_law,
        draws.bin_law,
        count,
        cost,
    )
    cost *= draws.bin_edges()[:-1]  # the kernel adds costs relative to their bin's lower edge
    return count, cost


def evenly_spaced(total: int, count: int) -> Ints:
    """About `count` positions spread evenly over 0..total-1 (all of them if fewer)."""
    positions: Ints = np.arange(0, total, max(1, total // count), dtype=np.int64)
    return positions


def sample_natives(draws: Draws, count: int) -> NativeAgents:
    """About `count` natives spread evenly over the whole population (a random sample: the
    natives of a community are numbered together, but each draws independently)."""
    positions = evenly_spaced(draws.native_agents, count)
    income, cost = np.empty(positions.size), np.empty(positions.size)
    kernels.native_values(
        draws.key(counter_rng.NATIVE_COST),
        draws.key(counter_rng.NATIVE_INCOME),
        positions,
        draws.cost_law,
        draws.income_law,
        income,
        cost,
    )
    community = np.searchsorted(draws.community_starts, positions, side="right") - 1
    return NativeAgents(income, cost, community.astype(np.int64))


def sample_migrants(draws: Draws, count: int) -> MigrantAgents:
    """About `count` migrants spread evenly over all of them (before the ceiling)."""
    positions = evenly_spaced(draws.migrant_agents, count)
    home, reservation = np.empty(positions.size), np.empty(positions.size)
    kernels.migrant_values(
        draws.key(counter_rng.MIGRANT),
        positions,
        draws.origin_law,
        draws.moving_law,
        home,
        reservation,
    )
    return MigrantAgents(home, reservation)

"""Weighted agents drawn chunk by chunk with explicit seeds, reduced to binned tallies.

Chunk i draws from its own generator, seeded by (seed, i): the same seed gives the same agents
whichever backend runs the chunks and in whatever order. Each agent stands for
`adults / native agents` natives or `pool / kept migrant agents` migrants.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from vip.simulation import kernels
from vip.simulation.inputs import InputError, Scenario
from vip.simulation.labour import Labour

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
PRICE_RANGE_USD = (1.0, 1.0e7)


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

    def share(self, total: int, chunk: int) -> int:
        """How many of `total` agents chunk `chunk` draws (an even split, remainder first)."""
        base, extra = divmod(total, self.chunks)
        return base + (1 if chunk < extra else 0)


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
    return Draws(
        native_agents=agents // 2,
        migrant_agents=agents - agents // 2,
        chunk_agents=int(scenario.number("simulation.chunk_agents")),
        seed=int(scenario.number("simulation.seed")),
        bins=int(scenario.number("simulation.bins")),
        communities=int(scenario.number("communities.count")),
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
    """Natives stored community by community: the first community_sizes[0] live in community 0,
    and so on, so that the tally kernel fills one community's row at a time (it stays in cache,
    and communities can be tallied in parallel)."""

    z_income: Floats
    z_cost: Floats
    community_sizes: Ints

    def community_starts(self) -> Ints:
        starts: Ints = np.concatenate([[0], np.cumsum(self.community_sizes)])
        return starts

    def community(self) -> Ints:
        """Each native's community (for the sample; the kernel never needs it per agent)."""
        return np.repeat(np.arange(self.community_sizes.size, dtype=np.int64), self.community_sizes)


@dataclass(frozen=True)
class MigrantAgents:
    home: Floats  # USD per year
    reservation: Floats  # home income plus moving cost, USD per year


def _generator(draws: Draws, chunk: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([draws.seed, chunk])))


def draw_chunk(draws: Draws, chunk: int) -> tuple[NativeAgents, MigrantAgents]:
    """The agents of one chunk; the same (seed, chunk) always gives the same agents."""
    rng = _generator(draws, chunk)
    natives = draws.share(draws.native_agents, chunk)
    native = NativeAgents(
        z_income=rng.standard_normal(natives),
        z_cost=rng.standard_normal(natives),
        # Each native lives in a community drawn uniformly; drawing the counts is the same law.
        community_sizes=rng.multinomial(
            natives, np.full(draws.communities, 1.0 / draws.communities)
        ),
    )
    migrants = draws.share(draws.migrant_agents, chunk)
    uniform, z_home, z_move = (
        rng.random(migrants),
        rng.standard_normal(migrants),
        rng.standard_normal(migrants),
    )
    home, reservation = np.empty(migrants), np.empty(migrants)
    kernels.migrant_values(
        uniform, z_home, z_move, draws.origin_law, draws.moving_law, home, reservation
    )
    return native, MigrantAgents(home, reservation)


def chunk_tally(draws: Draws, chunk: int) -> Tally:
    """Draw one chunk and reduce it to its tally (a pure function of draws and chunk)."""
    return tally_of(draws, *draw_chunk(draws, chunk))


def tally_natives(draws: Draws, native: NativeAgents) -> tuple[Floats, Floats]:
    """Natives per (community, cost bin), and their hosting costs (USD per year)."""
    count, cost = kernels.empty_native_tally(draws.communities, draws.bins)
    kernels.tally_natives(
        native.z_income,
        native.z_cost,
        native.community_starts(),
        draws.cost_law,
        draws.bin_law,
        count,
        cost,
    )
    cost *= draws.bin_edges()[:-1]  # the kernel adds costs relative to their bin's lower edge
    return count, cost


def tally_of(draws: Draws, native: NativeAgents, migrant: MigrantAgents) -> Tally:
    """One pass over drawn agents into their binned tally."""
    count, cost = tally_natives(draws, native)
    parts = kernels.empty_migrant_parts(draws.bins)
    kernels.tally_migrants(
        migrant.home, migrant.reservation, draws.reservation_ceiling, draws.bin_law, parts
    )
    migrant_count, reservation_sum, home_sum = np.add.reduce(parts, axis=0)  # parts in order
    return Tally(count, cost, migrant_count, reservation_sum, home_sum, migrant.home.size)


def native_values(draws: Draws, native: NativeAgents) -> tuple[Floats, Floats]:
    """Each native's income and hosting cost, USD per year (the same law as the kernel)."""
    log_median, sigma = draws.income_law
    income = np.exp(log_median + sigma * native.z_income)
    cost = np.empty_like(income)
    kernels.native_costs(native.z_income, native.z_cost, draws.cost_law, cost)
    return income, cost

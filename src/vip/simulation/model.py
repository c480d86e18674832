"""Equilibrium mode: weighted agents, a mechanism solved on their curves, the figures reported.

The whole population is reduced to binned tallies (by the numpy or the Dask backend), the
mechanism is solved on them, and the figures that need individuals (inequality, gains by
income decile) are read on agents spread evenly over the population, a random sample of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from vip.simulation import mechanisms
from vip.simulation.accounting import HOUSEHOLD_OF_FOUR, expected_obligations
from vip.simulation.equilibrium import BinnedQueue
from vip.simulation.inequality import Measures, measure
from vip.simulation.inputs import Mechanism, Mode, Scenario, VipTransfer
from vip.simulation.labour import labour_of
from vip.simulation.mechanisms import Economy, Equilibrium
from vip.simulation.outcome import SimulationOutcome
from vip.simulation.population import Draws, Tally, draws_of, sample_migrants, sample_natives

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
TallyFunction = Callable[[Draws], Tally]
CURVE_POINTS = 101
DECILES = 10
SAMPLE_AGENTS = 100_000  # of each kind: enough for inequality to about three digits


@dataclass(frozen=True)
class Country:
    """The tallied population, weighted, with community caps applied to the hosts."""

    market: Economy
    host_share_allowed: Floats  # [community, bin]: share of each cell the caps let sponsor
    native_weight: float  # natives per native agent
    migrant_weight: float  # migrants per kept migrant agent


def _cap_shares(scenario: Scenario, communities: int) -> Floats:
    """Each community's cap as a share of its residents. Open zones (the first ones) have none:
    with one sponsorship per adult, a cap of every resident is no cap."""
    caps = np.full(communities, scenario.number("communities.cap_share"))
    caps[: round(scenario.number("communities.open_zone_share") * communities)] = 1.0
    return caps


def country_of(scenario: Scenario, draws: Draws, tally: Tally) -> Country:
    """Weight the tallies into people and apply the caps: the cheapest hosts of a community
    sponsor first, up to its cap; the rest of that community cannot."""
    native_weight = scenario.number("host.adults") / draws.native_agents
    kept = tally.migrant_count.sum()
    migrant_weight = scenario.number("migrants.pool") / kept if kept > 0 else 0.0
    count = tally.native_count * native_weight
    residents = count.sum(axis=1)
    cap = _cap_shares(scenario, draws.communities) * residents
    before = np.cumsum(count, axis=1) - count
    allowed = np.clip(cap[:, None] - before, 0.0, count)
    share = np.divide(allowed, count, out=np.zeros_like(count), where=count > 0)
    edges = draws.bin_edges()
    hosts = BinnedQueue(
        allowed.sum(axis=0),
        {"cost": (tally.native_cost * native_weight * share).sum(axis=0)},
        edges,
    )
    migrants = BinnedQueue(
        tally.migrant_count * migrant_weight,
        {
            "reservation": tally.migrant_reservation * migrant_weight,
            "home": tally.migrant_home * migrant_weight,
        },
        edges,
    )
    market = Economy(
        hosts=hosts,
        migrants=migrants,
        labour=labour_of(scenario),
        obligations=expected_obligations(scenario),
        population=scenario.number("host.population"),
        adults=scenario.number("host.adults"),
        mean_reservation=_pool_mean(tally.migrant_reservation, tally.migrant_count),
        mean_home=_pool_mean(tally.migrant_home, tally.migrant_count),
    )
    return Country(market, share, native_weight, migrant_weight)


def _pool_mean(sums: Floats, count: Floats) -> float:
    """A mean over the pool from unweighted sums, so it does not move with the pool's size."""
    total = float(count.sum())
    return float(sums.sum()) / total if total > 0 else 0.0


def solve(scenario: Scenario, market: Economy) -> Equilibrium:
    name = scenario.word("mechanism.name")
    if name == Mechanism.STATUS_QUO:
        return mechanisms.status_quo(market, scenario.number("mechanism.status_quo_visas"))
    if name == Mechanism.AUCTION:
        return mechanisms.auction(market, scenario.number("mechanism.auction_quota"))
    if scenario.word("mechanism.vip_transfer") == VipTransfer.MARKET:
        return mechanisms.vip_market(market)
    return mechanisms.vip_gain_share(market, scenario.number("vip.gain_share"))


def curves(scenario: Scenario, market: Economy) -> dict[str, list[float]]:
    """Supply (hosts' required transfer) and demand (what migrants pay) against the number."""
    top = max(market.hosts.total, market.migrants.total)
    numbers = np.linspace(0.0, top, CURVE_POINTS)
    supply = [market.hosts.upper_price(n) + market.obligations for n in numbers]
    if (
        scenario.word("mechanism.name") == Mechanism.VIP
        and scenario.word("mechanism.vip_transfer") == VipTransfer.GAIN_SHARE
    ):
        mean = market.mean_reservation
        share = scenario.number("vip.gain_share")
        demand = [share * (market.labour.wage(n) - mean) for n in numbers]
    else:
        demand = [market.labour.wage(n) - market.migrants.upper_price(n) for n in numbers]
    return {"migrants": numbers.tolist(), "supply_price": supply, "demand_price": demand}


def _bins(draws: Draws, prices: Floats) -> NDArray[np.int64]:
    low, width = draws.bin_law
    index = np.floor((np.log(prices) - low) / width).astype(np.int64)
    clipped: NDArray[np.int64] = np.clip(index, 0, draws.bins - 1)
    return clipped


@dataclass(frozen=True)
class Sample:
    """Agents spread over the population, with weights (people) and outcomes (USD per year)."""

    native_income: Floats
    native_sponsor_share: Floats  # chance each native sponsors
    native_sponsor_gain: Floats  # his net gain if he does
    dividend: float
    native_weight: float
    migrant_home: Floats
    migrant_after: Floats  # income in the host country if admitted
    migrant_admitted: Floats  # chance each migrant is admitted
    migrant_weight: float

    def native_expected_gain(self) -> Floats:
        return self.native_sponsor_share * self.native_sponsor_gain + self.dividend


def sample_of(draws: Draws, country: Country, solution: Equilibrium) -> Sample:
    native, migrant = sample_natives(draws, SAMPLE_AGENTS), sample_migrants(draws, SAMPLE_AGENTS)
    income, cost = native.income, native.cost
    market = country.market
    sponsor_share = np.zeros_like(income)
    if solution.sponsors is not None:
        taken = market.hosts.taken_per_bin(solution.sponsors)
        cells = country.host_share_allowed * taken
        sponsor_share = cells[native.community, _bins(draws, cost)]
    in_pool = migrant.reservation < draws.reservation_ceiling
    home, reservation = migrant.home[in_pool], migrant.reservation[in_pool]
    if solution.selective:
        admitted = market.migrants.taken_per_bin(solution.migrants)[_bins(draws, reservation)]
    else:
        admitted = np.full(home.size, solution.migrants / max(market.migrants.total, 1e-300))
    return Sample(
        native_income=income,
        native_sponsor_share=sponsor_share,
        # Likewise nobody sponsors at a loss (the marginal cost bin straddles the price).
        native_sponsor_gain=np.maximum((solution.price or 0.0) - market.obligations - cost, 0.0),
        dividend=solution.dividend_per_citizen or 0.0,
        native_weight=country.native_weight,
        migrant_home=home,
        # Nobody comes to be worse off: in a price bin cut by the price, some would be.
        migrant_after=np.maximum(
            home + solution.wage - reservation - _payments(solution, reservation), home
        ),
        migrant_admitted=admitted,
        migrant_weight=country.migrant_weight,
    )


def _payments(solution: Equilibrium, reservation: Floats) -> Floats:
    """Each admitted migrant's yearly payment: the share of his own gain, the price, or nothing."""
    if solution.gain_share is not None:
        return solution.gain_share * (solution.wage - reservation)
    return np.full_like(reservation, solution.price or 0.0)


def inequality_of(sample: Sample) -> tuple[Measures, Measures]:
    """Natives and the migrant pool, before and after; each agent is split into the part that
    sponsors (or is admitted) and the part that does not, weighted by those chances."""
    natives, migrants = sample.native_income.size, sample.migrant_home.size
    groups = np.repeat(np.array(["natives", "migrants"]), [2 * natives, 2 * migrants])
    stays = sample.native_income + sample.dividend
    weights = np.concatenate(
        [
            sample.native_weight * sample.native_sponsor_share,
            sample.native_weight * (1.0 - sample.native_sponsor_share),
            sample.migrant_weight * sample.migrant_admitted,
            sample.migrant_weight * (1.0 - sample.migrant_admitted),
        ]
    )
    before = np.concatenate(
        [sample.native_income, sample.native_income, sample.migrant_home, sample.migrant_home]
    )
    sponsoring = np.where(
        sample.native_sponsor_share > 0, stays + sample.native_sponsor_gain, stays
    )
    admitted = np.where(sample.migrant_admitted > 0, sample.migrant_after, sample.migrant_home)
    after = np.concatenate([sponsoring, stays, admitted, sample.migrant_home])
    return measure(before, weights, groups), measure(after, weights, groups)


def gains_by_decile(sample: Sample) -> list[float]:
    """Mean expected gain of natives in each income decile, poorest first (USD per year)."""
    gain = sample.native_expected_gain()
    edges = np.quantile(sample.native_income, np.linspace(0.0, 1.0, DECILES + 1)[1:-1])
    decile = np.searchsorted(edges, sample.native_income, side="right")
    sums = np.bincount(decile, weights=gain, minlength=DECILES)
    counts = np.bincount(decile, minlength=DECILES)
    means: list[float] = (sums / np.maximum(counts, 1)).tolist()
    return means


def run(scenario: Scenario, tally: TallyFunction) -> SimulationOutcome:
    labour = labour_of(scenario)
    draws = draws_of(scenario, labour)
    country = country_of(scenario, draws, tally(draws))
    market = country.market
    solution = solve(scenario, market)
    sample = sample_of(draws, country, solution)
    before, after = inequality_of(sample)
    return _outcome(scenario, market, solution, before, after, sample)


def _outcome(
    scenario: Scenario,
    market: Economy,
    solution: Equilibrium,
    before: Measures,
    after: Measures,
    sample: Sample,
) -> SimulationOutcome:
    population = scenario.number("host.population")
    native_gain = solution.native_gain_total()
    migrants = solution.migrants
    reservation = mechanisms.admitted_reservation(market, solution)
    home = mechanisms.admitted_home(market, solution)
    admitted = migrants > 0 and home > 0
    migrant_gain = solution.wage - reservation - solution.payment if admitted else None
    sponsors = solution.sponsors or 0.0
    world_gain = migrants * (solution.wage - reservation) - sponsors * solution.sponsor_cost
    world_income = scenario.number("world.population") * scenario.number("world.income_per_head")
    return SimulationOutcome(
        scenario=scenario.name,
        mode=Mode.EQUILIBRIUM,
        mechanism=solution.mechanism,
        migrants=migrants,
        price_per_migrant_year=solution.price,
        host_income_change_pct=100.0
        * native_gain
        / (population * scenario.number("host.gdp_per_capita")),
        dividend_per_citizen_year=solution.dividend_per_citizen,
        gain_per_family_of_four_year=HOUSEHOLD_OF_FOUR * native_gain / population,
        gain_per_sponsor_year=solution.gain_per_sponsor(),
        sponsor_participation_rate=None
        if solution.sponsors is None
        else sponsors / scenario.number("host.adults"),
        migrant_net_gain_year=migrant_gain,
        migrant_income_multiple=None if migrant_gain is None else (home + migrant_gain) / home,
        global_income_change_pct=100.0 * world_gain / world_income,
        native_wage_change_pct=market.labour.native_wage_change_pct(migrants),
        inequality_before=before,
        inequality_after=after,
        inputs=scenario.values(),
        details={
            "migrant_wage_year": solution.wage,
            "solver_iterations": solution.iterations,
            "gains_by_native_income_decile": gains_by_decile(sample),
            "migrant_income_before_after": {"home": home, "host": home + (migrant_gain or 0.0)},
            "curves": curves(scenario, market),
        },
    )

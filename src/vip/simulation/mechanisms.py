"""The three ways a country can admit migrants, each solved on the binned curves.

- status_quo: a fixed number of employer-sponsored visas; natives get no share of the gain.
- auction: a quota sold at one uniform price, the highest rejected bid; the revenue is a
  dividend per citizen (Becker).
- vip: one sponsorship per adult; the migrant pays his host either the gain share of his gain
  or a market price; the number is where willing hosts meet willing migrants.

Every money figure is USD per year. Migrants' willingness to pay is the host wage w(m) minus
their reservation (home income plus annualised moving cost).
"""

from __future__ import annotations

from dataclasses import dataclass

from vip.auctions.clearing import Rule, clear
from vip.simulation.equilibrium import BinnedQueue, largest_feasible
from vip.simulation.labour import Labour


@dataclass(frozen=True)
class Economy:
    """What a mechanism needs to know about the country: its hosts, migrants and labour."""

    hosts: BinnedQueue  # cheapest first, sums: "cost" (hosting cost, USD/year)
    migrants: BinnedQueue  # lowest reservation first, sums: "reservation", "home"
    labour: Labour
    obligations: float  # a sponsor's expected yearly cost besides hosting, USD
    population: float
    adults: float  # the most sponsorships possible, one per adult: the solver's bracket
    mean_reservation: float  # over the whole pool, USD per year
    mean_home: float  # over the whole pool, USD per year


@dataclass(frozen=True)
class Equilibrium:
    mechanism: str
    migrants: float
    wage: float
    price: float | None  # per migrant-year; for the gain share, the mean transfer
    payment: float  # mean paid per migrant (to his host or to the treasury), USD/year
    sponsors: float | None
    sponsor_cost: float  # mean hosting cost plus obligations per sponsor, USD/year
    dividend_per_citizen: float | None
    selective: bool  # admitted migrants are the highest bidders (else a random draw)
    iterations: int
    gain_share: float | None = None  # each migrant pays this share of his own gain

    def native_gain_total(self) -> float:
        """What natives gain in all, USD/year: payments received less sponsors' costs."""
        return self.migrants * self.payment - (self.sponsors or 0.0) * self.sponsor_cost

    def gain_per_sponsor(self) -> float | None:
        """A sponsor's mean net gain; None where nobody sponsors."""
        return self.payment - self.sponsor_cost if self.sponsors else None


def admitted_reservation(market: Economy, solution: Equilibrium) -> float:
    """Mean reservation of those admitted: the highest bidders, or the pool's mean."""
    if solution.selective:
        return market.migrants.mean_of_first("reservation", solution.migrants)
    return market.mean_reservation


def admitted_home(market: Economy, solution: Equilibrium) -> float:
    if solution.selective:
        return market.migrants.mean_of_first("home", solution.migrants)
    return market.mean_home


def status_quo(market: Economy, visas: float) -> Equilibrium:
    """Employers fill a fixed number of visas by lottery among the willing; no transfers."""
    migrants = min(visas, market.migrants.total)
    return Equilibrium(
        "status_quo", migrants, market.labour.wage(migrants), None, 0.0, None, 0.0, None, False, 1
    )


def auction(market: Economy, quota: float) -> Equilibrium:
    """A uniform-price auction, cleared by the platform's own kernel (vip.auctions.clearing):
    each reservation bin bids the wage less its lower edge, nobody bids below zero, and everyone
    admitted pays the highest rejected bid. The pool holds only migrants willing at the wage of
    the most migrants the model admits, so the wage at min(quota, pool) prices every bid."""
    wage = market.labour.wage(min(max(quota, 0.0), market.migrants.total))
    bids = wage - market.migrants.edges[:-1]
    if quota <= 0:
        # No seat: every bid is rejected, so the highest rejected bid is the highest bid.
        willing = bids[market.migrants.count > 0]
        top = max(0.0, float(willing.max())) if willing.size else 0.0
        return Equilibrium("auction", 0.0, wage, top, top, None, 0.0, 0.0, True, 1)
    result = clear(bids, quota, 0.0, Rule.HIGHEST_REJECTED, counts=market.migrants.count)
    migrants, price = result.admitted, result.price
    dividend = price * migrants / market.population
    return Equilibrium("auction", migrants, wage, price, price, None, 0.0, dividend, True, 1)


def _sponsor_cost(market: Economy, sponsors: float) -> float:
    """Mean cost of the cheapest `sponsors` hosts plus the obligations, USD per sponsor-year."""
    return market.hosts.mean_of_first("cost", sponsors) + market.obligations


def _vip(
    market: Economy, migrants: float, price: float, iterations: int, gain_share: float | None
) -> Equilibrium:
    """VIP: every migrant has a sponsor; under a market price the highest bidders come."""
    return Equilibrium(
        mechanism="vip",
        migrants=migrants,
        wage=market.labour.wage(migrants),
        price=price,
        payment=price,
        sponsors=migrants,
        sponsor_cost=_sponsor_cost(market, migrants),
        dividend_per_citizen=None,
        selective=gain_share is None,
        iterations=iterations,
        gain_share=gain_share,
    )


def vip_gain_share(market: Economy, share: float) -> Equilibrium:
    """Migrants pay their host a share of their gain w(m) - reservation; hosts are matched to
    migrants regardless of gain (they choose on personal connection), so a host expects the
    share of the pool's mean gain. The cheapest hosts sponsor first.

    Hosts sponsor while the marginal host's cost plus obligations is covered: the number is the
    largest m with cost(m) + obligations <= share * (w(m) - mean reservation), capped by the pool.
    """

    def transfer(number: float) -> float:
        return share * (market.labour.wage(number) - market.mean_reservation)

    def hosts_willing(number: float) -> bool:
        return market.hosts.upper_price(number) + market.obligations <= transfer(number)

    solution = largest_feasible(hosts_willing, market.adults)
    migrants = min(solution.migrants, market.migrants.total)
    return _vip(market, migrants, transfer(migrants), solution.iterations, gain_share=share)


def vip_market(market: Economy) -> Equilibrium:
    """A uniform market price per sponsorship where the supply of hosts meets migrants' demand."""

    def demand_price(number: float) -> float:
        return market.labour.wage(number) - market.migrants.upper_price(number)

    def supply_price(number: float) -> float:
        return market.hosts.upper_price(number) + market.obligations

    def trade(number: float) -> bool:
        return supply_price(number) <= demand_price(number)

    solution = largest_feasible(trade, market.adults)
    migrants = solution.migrants
    price = 0.5 * (supply_price(migrants) + demand_price(migrants))
    return _vip(market, migrants, price, solution.iterations, gain_share=None)

"""Accounting mode: the book's own arithmetic from its stated inputs, one function per scenario.

No behaviour here: the number of migrants, the bids and the gains are inputs, so a reader can
check each figure of Radical Markets ch. 3 by hand and see what changes when an input does.
"""

from __future__ import annotations

from collections.abc import Callable

from vip.simulation.inequality import Measures, measure
from vip.simulation.inputs import InputError, Mode, Scenario
from vip.simulation.outcome import SimulationOutcome

HOUSEHOLD_OF_FOUR = 4.0


def _two_group_world(
    natives: float,
    native_income: tuple[float, float],
    migrants: float,
    home_and_host: tuple[float, float],
) -> tuple[Measures, Measures]:
    """Inequality before and after among natives and migrants, each group at its mean income."""
    weights = [natives, migrants]
    groups = ["natives", "migrants"]
    before = measure([native_income[0], home_and_host[0]], weights, groups)
    after = measure([native_income[1], home_and_host[1]], weights, groups)
    return before, after


def auction(scenario: Scenario) -> SimulationOutcome:
    """Becker's auction: migrants pay a bid per year; the revenue is paid out per citizen."""
    population = scenario.number("host.population")
    migrants = population * scenario.number("migrants.share_of_host_population")
    bid = scenario.number("auction.bid_per_year")
    gdp_per_capita = scenario.number("host.gdp_per_capita")
    gain = scenario.number("migrants.gain_per_year")
    home = scenario.number("migrants.home_income_per_year")
    if bid > gain:
        raise InputError("auction.bid_per_year", f"no migrant bids more than their gain ({gain:g})")
    dividend = migrants * bid / population
    family = dividend * HOUSEHOLD_OF_FOUR
    world_income = (
        population * gdp_per_capita / scenario.number("world.host_share_of_global_income")
    )
    before, after = _two_group_world(
        population, (gdp_per_capita, gdp_per_capita + dividend), migrants, (home, home + gain - bid)
    )
    return SimulationOutcome(
        scenario=scenario.name,
        mode=Mode.ACCOUNTING,
        mechanism="auction",
        migrants=migrants,
        price_per_migrant_year=bid,
        host_income_change_pct=100.0 * dividend / gdp_per_capita,
        dividend_per_citizen_year=dividend,
        gain_per_family_of_four_year=family,
        gain_per_sponsor_year=None,
        sponsor_participation_rate=None,
        migrant_net_gain_year=gain - bid,
        migrant_income_multiple=(home + gain - bid) / home,
        global_income_change_pct=100.0 * migrants * gain / world_income,
        native_wage_change_pct=None,
        inequality_before=before,
        inequality_after=after,
        inputs=scenario.values(),
        details={
            "family_income_change_pct": 100.0
            * family
            / scenario.number("host.median_family_income"),
            "host_share_of_gains": bid / gain,
        },
    )


def global_gains(scenario: Scenario) -> SimulationOutcome:
    """The OECD admits migrants who each gain a sum a year: what is it per person on Earth?"""
    population = scenario.number("host.population")
    migrants = population * scenario.number("migrants.share_of_host_population")
    gain = scenario.number("migrants.gain_per_year")
    home = scenario.number("migrants.home_income_per_year")
    world_population = scenario.number("world.population")
    per_person_on_earth = migrants * gain / world_population
    return SimulationOutcome(
        scenario=scenario.name,
        mode=Mode.ACCOUNTING,
        mechanism="open_migration",
        migrants=migrants,
        price_per_migrant_year=None,
        host_income_change_pct=None,
        dividend_per_citizen_year=None,
        gain_per_family_of_four_year=None,
        gain_per_sponsor_year=None,
        sponsor_participation_rate=None,
        migrant_net_gain_year=gain,
        migrant_income_multiple=(home + gain) / home,
        global_income_change_pct=100.0
        * per_person_on_earth
        / scenario.number("world.income_per_head"),
        native_wage_change_pct=None,
        inequality_before=None,
        inequality_after=None,
        inputs=scenario.values(),
        details={
            "gain_per_person_on_earth_year": per_person_on_earth,
            "share_of_world_population_moving": migrants / world_population,
        },
    )


def expected_obligations(scenario: Scenario) -> float:
    """A sponsor's expected yearly cost: insurance, support while unemployed, expected fines."""
    return (
        scenario.number("obligations.insurance_premium")
        + scenario.number("obligations.unemployment_probability")
        * scenario.number("obligations.support_per_year")
        + scenario.number("obligations.crime_probability")
        * scenario.number("obligations.crime_fine")
        + scenario.number("obligations.disappearance_probability")
        * scenario.number("obligations.disappearance_fine")
    )


def vip(scenario: Scenario) -> SimulationOutcome:
    """VIP: the migrant keeps his pay, the sponsor keeps the gain share, less his obligations.

    Bishal is paid $12,000 and keeps it; what his labour earns beyond that goes to Anthony. With
    a gain share s of the gain over home income h, the market value E of his labour solves
    E - s (E - h) = pay, so E = (pay - s h) / (1 - s) and the sponsor receives s (E - h).
    """
    share = scenario.number("vip.gain_share")
    pay = scenario.number("migrants.pay_from_sponsor_per_year")
    home = scenario.number("migrants.home_income_per_year")
    if pay <= home:
        raise InputError(
            "migrants.pay_from_sponsor_per_year", f"must exceed the home income ({home:g})"
        )
    earnings = (pay - share * home) / (1.0 - share)
    transfer = share * (earnings - home)
    per_sponsor = transfer - expected_obligations(scenario)
    sponsors = scenario.number("vip.sponsors")
    population = scenario.number("host.population")
    gdp_per_capita = scenario.number("host.gdp_per_capita")
    per_citizen = sponsors * per_sponsor / population
    new_migrants = max(sponsors - scenario.number("migrants.current"), 0.0)
    world_income = scenario.number("world.population") * scenario.number("world.income_per_head")
    before, after = _two_group_world(
        population, (gdp_per_capita, gdp_per_capita + per_citizen), sponsors, (home, pay)
    )
    return SimulationOutcome(
        scenario=scenario.name,
        mode=Mode.ACCOUNTING,
        mechanism="vip",
        migrants=sponsors,
        price_per_migrant_year=transfer,
        host_income_change_pct=100.0 * per_citizen / gdp_per_capita,
        dividend_per_citizen_year=None,
        gain_per_family_of_four_year=per_sponsor
        * scenario.number("household.sponsors_per_family_of_four"),
        gain_per_sponsor_year=per_sponsor,
        sponsor_participation_rate=sponsors / scenario.number("host.adults"),
        migrant_net_gain_year=pay - home,
        migrant_income_multiple=pay / home,
        global_income_change_pct=100.0 * new_migrants * (earnings - home) / world_income,
        native_wage_change_pct=None,
        inequality_before=before,
        inequality_after=after,
        inputs=scenario.values(),
        details={
            "migrant_market_earnings_year": earnings,
            "sponsor_obligations_year": expected_obligations(scenario),
            "gain_per_citizen_year": per_citizen,
        },
    )


MODELS: dict[str, Callable[[Scenario], SimulationOutcome]] = {
    "auction": auction,
    "global": global_gains,
    "vip": vip,
}


def run(scenario: Scenario) -> SimulationOutcome:
    return MODELS[scenario.model](scenario)

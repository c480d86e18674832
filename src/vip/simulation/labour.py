"""The host labour market for migrant labour: a wage that falls as migrants' number grows."""

from __future__ import annotations

from dataclasses import dataclass

from vip.simulation.inputs import Scenario


@dataclass(frozen=True)
class Labour:
    """w(m) = w_today * ((L + m) / (L + m_today)) ** (-1 / elasticity), USD per year.

    L is the number of native workers in the same jobs; natives who compete with migrants are
    paid the same wage, so their wage changes by w(m) / w_today - 1.
    """

    wage_today: float
    migrants_today: float
    segment_workers: float
    elasticity: float
    most_migrants: float  # the largest number any mechanism can admit (one per adult, or a quota)

    def wage(self, migrants: float) -> float:
        ratio = (self.segment_workers + migrants) / (self.segment_workers + self.migrants_today)
        return float(self.wage_today * ratio ** (-1.0 / self.elasticity))

    def native_wage_change_pct(self, migrants: float) -> float:
        return 100.0 * (self.wage(migrants) / self.wage_today - 1.0)


def labour_of(scenario: Scenario) -> Labour:
    most = max(
        scenario.number("host.adults"),
        scenario.number("mechanism.status_quo_visas"),
        scenario.number("mechanism.auction_quota"),
    )
    return Labour(
        wage_today=scenario.number("labour.migrant_wage"),
        migrants_today=scenario.number("migrants.current"),
        segment_workers=scenario.number("labour.segment_workers"),
        elasticity=scenario.number("labour.demand_elasticity"),
        most_migrants=most,
    )

"""A community's limits as numbers, and what a change of its rules would do: pure functions, facts
in, an effect out (the dashboard and the rules editor show them; the services decide with them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import floor

from vip.errors import Invalid


@dataclass(frozen=True)
class Limits:
    """What a community's rules state (None: no limit of that kind)."""

    max_active_visas: int | None = None
    max_per_1000_residents: Fraction | None = None
    max_per_household: int | None = None
    allowed_sectors: frozenset[str] | None = None  # None: every sector of the jurisdiction
    open_zone: bool = False


@dataclass(frozen=True)
class Load:
    """The community's live visas today: in all, per household, per sector."""

    population: int
    # household reference -> its sponsors' live visas (only households that hold one)
    per_household: Mapping[str, int]
    per_sector: Mapping[str, int]  # sector code ("" for none named) -> live visas

    @property
    def live_visas(self) -> int:
        return sum(self.per_household.values())


def cap(limits: Limits, population: int) -> int | None:
    """The number of live visas the community allows: the lower of its absolute cap and its
    cap per 1,000 residents (whole visas, rounded down); None when it states neither."""
    caps = []
    if limits.max_active_visas is not None:
        caps.append(limits.max_active_visas)
    if limits.max_per_1000_residents is not None:
        caps.append(floor(limits.max_per_1000_residents * population / 1000))
    return min(caps) if caps else None


def check_effective_from(day: dt.date, today: dt.date) -> None:
    """Rules take effect today or later: a back-dated rule would rewrite decisions already made
    under the old one."""
    if day < today:
        raise Invalid(
            "RULE_DATE_IN_PAST",
            f"rules take effect today or later, not on {day}",
            {"effective_from": day.isoformat(), "today": today.isoformat()},
        )


@dataclass(frozen=True)
class Impact:
    """What rules would mean for the community as it is: existing visas are never revoked by a
    change of rules (they were granted under the rules of their day); only new applications are
    refused."""

    cap: int | None
    live_visas: int
    visas_over_cap: int  # live visas beyond the cap: no new visa until as many have ended
    households_at_cap: int  # at or over their cap: their next application is refused
    households_over_cap: int  # over it: they keep their visas
    visas_outside_sectors: int  # live visas in a sector the rules no longer allow
    open_zone: bool

    @property
    def closes_applications(self) -> bool:
        return not self.open_zone and self.cap is not None and self.live_visas >= self.cap


def effect(limits: Limits, load: Load) -> Impact:
    """An open zone lifts every limit: the counts are of a community that refuses nothing."""
    per_household = limits.max_per_household
    found_cap = cap(limits, load.population)
    sectors = limits.allowed_sectors
    open_zone = limits.open_zone
    return Impact(
        cap=found_cap,
        live_visas=load.live_visas,
        visas_over_cap=(
            0 if open_zone or found_cap is None else max(load.live_visas - found_cap, 0)
        ),
        households_at_cap=(
            0
            if open_zone or per_household is None
            else sum(1 for n in load.per_household.values() if n >= per_household)
        ),
        households_over_cap=(
            0
            if open_zone or per_household is None
            else sum(1 for n in load.per_household.values() if n > per_household)
        ),
        visas_outside_sectors=(
            0
            if open_zone or sectors is None
            else sum(n for code, n in load.per_sector.items() if code not in sectors)
        ),
        open_zone=open_zone,
    )

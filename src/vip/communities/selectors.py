"""Communities' rules on a day, and who may change a community (the services' `may_*`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from django.db.models import Q

from vip.communities.models import Community, CommunityRules
from vip.communities.rules import Impact, Limits, Load, cap, check_effective_from, effect
from vip.errors import NotFound
from vip.people.models import Role, User
from vip.policy.sectors import sectors
from vip.visas.models import LIVE, Visa


def may_create_community(user: User) -> bool:
    return user.role == Role.AUTHORITY


def may_set_rules(user: User, community: Community) -> bool:
    """Its officer, or the authority."""
    return user.role == Role.AUTHORITY or (
        user.role == Role.OFFICER and user.community_id == community.pk
    )


def rules_on(community: Community, day: dt.date) -> CommunityRules | None:
    """The rules in force: the latest effective on or before the day (none: no limits)."""
    return (
        community.rules.filter(effective_from__lte=day).order_by("-effective_from", "-id").first()
    )


class Standing(StrEnum):
    """Where a dated value stands on a day: a change of a community's rules, a parameter's value."""

    PAST = "past"
    CURRENT = "current"  # in force
    SCHEDULED = "scheduled"
    SUPERSEDED = "superseded"  # a later change for the same date replaced it before it took effect


def rules_history(community: Community, day: dt.date) -> list[tuple[CommunityRules, Standing]]:
    """Every change of the community's rules, oldest first, with its standing on the day:
    `past`, `current`, `scheduled`, or `superseded` (a later change for the same date replaced
    it before it took effect)."""
    current = rules_on(community, day)
    found = list(community.rules.order_by("effective_from", "id"))
    last_per_date = {rules.effective_from: rules.pk for rules in found}

    def standing(rules: CommunityRules) -> Standing:
        if last_per_date[rules.effective_from] != rules.pk:
            return Standing.SUPERSEDED
        if current is not None and rules.pk == current.pk:
            return Standing.CURRENT
        return Standing.SCHEDULED if rules.effective_from > day else Standing.PAST

    return [(rules, standing(rules)) for rules in found]


def limits_of(rules: CommunityRules | None) -> Limits:
    """The limits a row of rules states (no row: none)."""
    if rules is None:
        return Limits()
    return Limits(
        max_active_visas=rules.max_active_visas,
        max_per_1000_residents=(
            Fraction(str(rules.max_per_1000_residents))
            if rules.max_per_1000_residents is not None
            else None
        ),
        max_per_household=rules.max_per_household,
        allowed_sectors=(
            frozenset(rules.allowed_sectors) if rules.allowed_sectors is not None else None
        ),
        open_zone=rules.open_zone,
    )


def load_of(community: Community) -> Load:
    """Its live visas now, per household (as the household cap counts them: by the sponsor's
    household reference) and per sector (the agreement's)."""
    live = Visa.objects.filter(community=community, status__in=LIVE)
    per_household = Counter(
        live.values_list("sponsor__sponsor_profile__household", flat=True).iterator()
    )
    per_sector = Counter(live.values_list("agreement__sector", flat=True).iterator())
    return Load(
        population=community.population,
        per_household={k or "": n for k, n in per_household.items()},
        per_sector={k or "": n for k, n in per_sector.items()},
    )


def may_run_community(user: User, community: Community) -> bool:
    """The officer's workspace: his own community's (the authority sets rules through the API)."""
    return user.role == Role.OFFICER and user.community_id == community.pk


def community_of_officer(user: User) -> Community:
    """The community an officer works for; to anyone else, and to an officer without one, none."""
    community = user.community if user.role == Role.OFFICER else None
    if community is None or not may_run_community(user, community):
        raise NotFound("COMMUNITY_NOT_FOUND", "no community you run")
    return community


@dataclass(frozen=True)
class SectorUse:
    code: str
    name: str
    live_visas: int
    allowed: bool


@dataclass(frozen=True)
class HouseholdLoad:
    household: str  # "" for the sponsors whose household is not recorded yet
    live_visas: int
    over: bool


@dataclass(frozen=True)
class Dashboard:
    community: Community
    rules: CommunityRules | None
    limits: Limits
    effect: Impact
    per_1000_cap: int | None  # the cap per 1,000 residents, as whole visas
    households_at_cap: list[HouseholdLoad]
    sectors: list[SectorUse]
    scheduled: list[CommunityRules]


def dashboard(user: User, day: dt.date) -> Dashboard:
    """The officer's community today: its live visas against each cap, the households at their
    cap, the sectors in use (and whether the rules allow them), the changes to come."""
    community = community_of_officer(user)
    rules = rules_on(community, day)
    limits, load = limits_of(rules), load_of(community)
    names = sectors(community.jurisdiction_id).names
    in_use = [
        SectorUse(
            code,
            names.get(code, code),
            n,
            limits.allowed_sectors is None or code in limits.allowed_sectors,
        )
        for code, n in sorted(load.per_sector.items(), key=lambda item: (-item[1], item[0]))
    ]
    household_cap = limits.max_per_household
    at_cap = (
        []
        if household_cap is None or limits.open_zone
        else [
            HouseholdLoad(h, n, n > household_cap)
            for h, n in sorted(load.per_household.items())
            if n >= household_cap
        ]
    )
    per_1000 = (
        cap(Limits(max_per_1000_residents=limits.max_per_1000_residents), community.population)
        if limits.max_per_1000_residents is not None
        else None
    )
    return Dashboard(
        community=community,
        rules=rules,
        limits=limits,
        effect=effect(limits, load),
        per_1000_cap=per_1000,
        households_at_cap=at_cap,
        sectors=in_use,
        scheduled=[r for r, s in rules_history(community, day) if s == Standing.SCHEDULED],
    )


def residents_matching(user: User, text: str, limit: int = 20) -> list[User]:
    """The officer's sponsors whose name, e-mail, housing or household reference holds the text
    (any case): how he finds a resident to record his household, never by id."""
    community = community_of_officer(user)
    words = text.strip()
    if not words:
        return []
    found = User.objects.filter(community=community, role=Role.SPONSOR).filter(
        Q(full_name__icontains=words)
        | Q(email__icontains=words)
        | Q(sponsor_profile__housing__icontains=words)
        | Q(sponsor_profile__household__icontains=words)
    )
    return list(found.select_related("sponsor_profile").order_by("full_name", "id")[:limit])


def preview(user: User, day: dt.date, today: dt.date, limits: Limits) -> Impact:
    """What rules from a day would do to the officer's community as it is now (refused, as the
    service would refuse it, for a day in the past): nothing is saved."""
    community = community_of_officer(user)
    check_effective_from(day, today)
    return effect(limits, load_of(community))

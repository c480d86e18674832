"""Communities' rules on a day, and who may change a community (the services' `may_*`)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from vip.communities.models import Community, CommunityRules
from vip.people.models import Role, User


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
    """A change of a community's rules on a day."""

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

"""Creating communities and changing their rules (their officer or the authority only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypedDict, Unpack

from django.db import transaction

from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.clock import now, today
from vip.communities.models import Community, CommunityRules, Jurisdiction
from vip.communities.rules import check_effective_from
from vip.communities.selectors import may_create_community, may_set_rules, rules_on
from vip.errors import Conflict, Forbidden, Invalid, NotFound, role_required
from vip.matching import indexes
from vip.people.models import Role, User
from vip.policy.parameters import jurisdictions
from vip.policy.sectors import check_sectors


def sync_jurisdictions() -> None:
    """Mirror the YAML parameter files as rows, so communities can refer to them."""
    for code, j in jurisdictions().items():
        Jurisdiction.objects.update_or_create(
            code=code, defaults={"name": j.name, "currency": j.currency}
        )


@transaction.atomic(durable=True)
def create_community(
    *, authority: User, code: str, name: str, jurisdiction_code: str, population: int
) -> Community:
    if not may_create_community(authority):
        raise role_required(Role.AUTHORITY)
    jurisdiction = Jurisdiction.objects.filter(code=jurisdiction_code).first()
    if jurisdiction is None:
        raise Invalid("JURISDICTION_UNKNOWN", f"no jurisdiction {jurisdiction_code!r}")
    if Community.objects.filter(code=code).exists():
        raise Conflict("COMMUNITY_EXISTS", f"a community {code!r} exists")
    community = Community.objects.create(
        code=code, name=name, jurisdiction=jurisdiction, population=population
    )
    audit.record(
        actor=authority,
        action=Action.COMMUNITY_CREATED,
        object_type=Subject.COMMUNITY,
        object_id=community.code,
        data={"jurisdiction": jurisdiction_code, "population": population},
    )
    return community


class RuleChanges(TypedDict, total=False):
    """What a change of a community's rules states; whatever it leaves out carries over."""

    max_active_visas: int | None
    max_per_1000_residents: Decimal | None
    max_per_household: int | None
    allowed_sectors: list[str] | None  # None: every sector of the jurisdiction
    open_zone: bool


NO_LIMITS: RuleChanges = {
    "max_active_visas": None,
    "max_per_1000_residents": None,
    "max_per_household": None,
    "allowed_sectors": None,
    "open_zone": False,
}


def in_force(rules: CommunityRules | None) -> RuleChanges:
    if rules is None:
        return NO_LIMITS
    return RuleChanges(
        max_active_visas=rules.max_active_visas,
        max_per_1000_residents=rules.max_per_1000_residents,
        max_per_household=rules.max_per_household,
        allowed_sectors=rules.allowed_sectors,
        open_zone=rules.open_zone,
    )


@transaction.atomic(durable=True)
def set_rules(
    *,
    user: User,
    community_code: str,
    effective_from: dt.date | None = None,
    **changes: Unpack[RuleChanges],
) -> CommunityRules:
    """New rules from a date (today by default, never earlier: a back-dated rule would rewrite
    decisions already made under the old one). The rules in force on that date carry over but
    for what the change states."""
    # The lock applications take: a cap never changes under a decision being made.
    community = Community.objects.select_for_update(no_key=True).filter(code=community_code).first()
    if community is None:
        raise NotFound("COMMUNITY_NOT_FOUND", f"no community {community_code!r}")
    if not may_set_rules(user, community):
        raise Forbidden("NOT_COMMUNITY_OFFICER", "only its officer or the authority sets its rules")
    day = effective_from or today()
    check_effective_from(day, today())
    check_sectors(changes.get("allowed_sectors") or [], community.jurisdiction_id)
    stated: RuleChanges = {**in_force(rules_on(community, day)), **changes}
    rules = CommunityRules.objects.create(
        community=community, effective_from=day, set_by=user, set_at=now(), **stated
    )
    audit.record(
        actor=user,
        action=Action.COMMUNITY_RULES_SET,
        object_type=Subject.COMMUNITY,
        object_id=community.code,
        data={"effective_from": day, "changed": sorted(changes), **stated},
    )
    indexes.note_rebuild()  # the sectors its requests may ask for
    return rules

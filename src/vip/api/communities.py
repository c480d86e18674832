"""Jurisdictions, their parameters, communities and their rules."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Status

from vip.api.accounts import ERRORS
from vip.api.app import caller, require_role
from vip.api.schemas import (
    CommunityIn,
    CommunityOut,
    CreatedOut,
    JurisdictionOut,
    ParameterMeta,
    ParametersOut,
    RulesIn,
    RulesOut,
)
from vip.clock import today
from vip.communities import services
from vip.communities.models import Community, CommunityRules, Jurisdiction
from vip.communities.selectors import rules_on
from vip.errors import NotFound
from vip.people.models import Role
from vip.policy.parameters import parameters
from vip.visas.models import LIVE

router = Router(tags=["communities"])
# Codes in paths are slugs: any other text (a NUL, a slash) matches no route, the API's JSON 404.


@router.get("/jurisdictions", auth=None, response=list[JurisdictionOut])
def jurisdictions(request: HttpRequest) -> list[JurisdictionOut]:
    return [
        JurisdictionOut(code=j.code, name=j.name, currency=j.currency)
        for j in Jurisdiction.objects.order_by("code")
    ]


@router.get(
    "/jurisdictions/{slug:code}/parameters", auth=None, response={200: ParametersOut, **ERRORS}
)
def jurisdiction_parameters(
    request: HttpRequest, code: str, on: dt.date | None = None
) -> ParametersOut:
    day = on or today()
    found = parameters(code, day)
    meta = {
        name: ParameterMeta(unit=p.unit, reference=p.reference, description=p.description)
        for name, p in found.jurisdiction.parameters.items()
    }
    return ParametersOut(jurisdiction=code, on=day, parameters=found.as_dict(), meta=meta)


def rules_out(rules: CommunityRules | None) -> RulesOut | None:
    if rules is None:
        return None
    return RulesOut(
        max_active_visas=rules.max_active_visas,
        max_per_1000_residents=rules.max_per_1000_residents,
        max_per_household=rules.max_per_household,
        allowed_sectors=rules.allowed_sectors,
        open_zone=rules.open_zone,
        effective_from=rules.effective_from,
    )


def community_out(community: Community) -> CommunityOut:
    return CommunityOut(
        code=community.code,
        name=community.name,
        jurisdiction=community.jurisdiction_id,
        population=community.population,
        rules=rules_out(rules_on(community, today())),
        live_visas=community.visas.filter(status__in=LIVE).count(),
    )


@router.get("/communities", auth=None, response=list[CommunityOut])
def communities(request: HttpRequest, jurisdiction: str | None = None) -> list[CommunityOut]:
    found = Community.objects.order_by("code")
    if jurisdiction:
        found = found.filter(jurisdiction_id=jurisdiction)
    return [community_out(c) for c in found]


@router.get("/communities/{slug:code}", auth=None, response={200: CommunityOut, **ERRORS})
def community(request: HttpRequest, code: str) -> CommunityOut:
    found = Community.objects.filter(code=code).first()
    if found is None:
        raise NotFound("COMMUNITY_NOT_FOUND", f"no community {code!r}")
    return community_out(found)


@router.post("/communities", response={201: CreatedOut, **ERRORS})
def create_community(request: HttpRequest, body: CommunityIn) -> Status[CreatedOut]:
    authority = require_role(caller(request), Role.AUTHORITY)
    created = services.create_community(
        authority=authority,
        code=body.code,
        name=body.name,
        jurisdiction_code=body.jurisdiction,
        population=body.population,
    )
    return Status(201, CreatedOut(id=created.pk))


@router.put("/communities/{slug:code}/rules", response={200: RulesOut, **ERRORS})
def set_rules(request: HttpRequest, code: str, body: RulesIn) -> RulesOut | None:
    rules = services.set_rules(
        user=caller(request),
        community_code=code,
        effective_from=body.effective_from,
        max_active_visas=body.max_active_visas,
        max_per_1000_residents=body.max_per_1000_residents,
        max_per_household=body.max_per_household,
        allowed_sectors=body.allowed_sectors,
        open_zone=body.open_zone,
    )
    return rules_out(rules)

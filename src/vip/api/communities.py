"""Jurisdictions, their parameters, communities and their rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from vip.api.accounts import ERRORS
from vip.api.app import caller
from vip.api.schemas import (
    CommunityIn,
    CommunityOut,
    CreatedOut,
    ErrorOut,
    JurisdictionOut,
    ParameterMeta,
    ParametersOut,
    RulesChangeOut,
    RulesHistoryOut,
    RulesIn,
    RulesOut,
    SectorOut,
    SectorsOut,
)
from vip.clock import today
from vip.communities import services
from vip.communities.models import Community, CommunityRules, Jurisdiction
from vip.communities.selectors import rules_history, rules_on
from vip.errors import NotFound
from vip.policy.parameters import parameters
from vip.policy.sectors import sectors
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


@router.get("/jurisdictions/{slug:code}/sectors", auth=None, response={200: SectorsOut, **ERRORS})
def jurisdiction_sectors(request: HttpRequest, code: str) -> SectorsOut:
    found = sectors(code)
    return SectorsOut(
        jurisdiction=code,
        reference=found.reference,
        sectors=[SectorOut(code=c, name=name) for c, name in found.names.items()],
    )


def rules_fields(rules: CommunityRules) -> dict[str, Any]:
    return {
        "max_active_visas": rules.max_active_visas,
        "max_per_1000_residents": rules.max_per_1000_residents,
        "max_per_household": rules.max_per_household,
        "allowed_sectors": rules.allowed_sectors,
        "open_zone": rules.open_zone,
        "effective_from": rules.effective_from,
    }


def rules_out(rules: CommunityRules | None) -> RulesOut | None:
    return None if rules is None else RulesOut(**rules_fields(rules))


def community_out(community: Community) -> CommunityOut:
    return CommunityOut(
        code=community.code,
        name=community.name,
        jurisdiction=community.jurisdiction_id,
        population=community.population,
        rules=rules_out(rules_on(community, today())),
        live_visas=community.visas.filter(status__in=LIVE).count(),
    )


@router.get("/communities", auth=None, response={200: list[CommunityOut], 422: ErrorOut})
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
    created = services.create_community(
        authority=caller(request),
        code=body.code,
        name=body.name,
        jurisdiction_code=body.jurisdiction,
        population=body.population,
    )
    return Status(201, CreatedOut(id=created.pk))


@router.get("/communities/{slug:code}/rules", auth=None, response={200: RulesHistoryOut, **ERRORS})
def community_rules(request: HttpRequest, code: str) -> RulesHistoryOut:
    found = Community.objects.filter(code=code).first()
    if found is None:
        raise NotFound("COMMUNITY_NOT_FOUND", f"no community {code!r}")
    day = today()
    return RulesHistoryOut(
        community=code,
        on=day,
        rules=[
            RulesChangeOut(
                **rules_fields(rules),
                standing=standing,
                set_by=rules.set_by_id,
                set_at=rules.set_at,
            )
            for rules, standing in rules_history(found, day)
        ],
    )


@router.put("/communities/{slug:code}/rules", response={200: RulesOut, **ERRORS})
def set_rules(request: HttpRequest, code: str, body: RulesIn) -> RulesOut | None:
    """What the body leaves out carries over from the rules in force on `effective_from`."""
    changes = body.dict(exclude_unset=True)
    effective_from = changes.pop("effective_from", None)
    rules = services.set_rules(
        user=caller(request), community_code=code, effective_from=effective_from, **changes
    )
    return rules_out(rules)

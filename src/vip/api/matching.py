"""Sponsors' requests, their candidates, and a migrant's opportunities."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from vip.api.accounts import ERRORS
from vip.api.app import caller, require_role
from vip.api.schemas import (
    CandidateOut,
    CandidatesOut,
    CreatedOut,
    OpportunitiesOut,
    OpportunityOut,
    PersonOut,
    RequestIn,
)
from vip.clock import today
from vip.errors import NotFound
from vip.matching import selectors, services
from vip.matching.models import SponsorshipRequest
from vip.people.models import Role, User
from vip.people.rules import age_on
from vip.people.selectors import acts_for

router = Router(tags=["matching"])


class Page(Schema):
    limit: int = Field(default=20, ge=1, le=200)


def person_out(user: User) -> PersonOut:
    return PersonOut(
        id=user.pk,
        full_name=user.full_name,
        country=user.country,
        age=age_on(user.birth_date, today()),
    )


def sponsor_for(user: User, named: int | None) -> User:
    """The sponsor himself, or the sponsor an agency names."""
    if named is None or named == user.pk:
        return user
    sponsor = User.objects.filter(pk=named, role=Role.SPONSOR).first()
    if sponsor is None or not acts_for(user, sponsor):
        raise NotFound("SPONSOR_NOT_FOUND", "no sponsor you act for with this id")
    return sponsor


@router.post("/requests", response={201: CreatedOut, **ERRORS})
def create_request(request: HttpRequest, body: RequestIn) -> Status[CreatedOut]:
    user = caller(request)
    created = services.create_request(
        user=user,
        sponsor=sponsor_for(user, body.sponsor),
        criteria={
            "languages": [lang.dict() for lang in body.languages],
            "sectors": [s.dict() for s in body.sectors],
            "age_min": body.age.min,
            "age_max": body.age.max,
            "clean_record": body.clean_record,
            "health_clearance": body.health_clearance,
        },
    )
    return Status(201, CreatedOut(id=created.pk))


def visible_request(user: User, request_id: int) -> SponsorshipRequest:
    found = SponsorshipRequest.objects.select_related("sponsor").filter(pk=request_id).first()
    if found is None or not (user.role == Role.AUTHORITY or acts_for(user, found.sponsor)):
        raise NotFound("REQUEST_NOT_FOUND", "no such request")
    return found


@router.get("/requests/{request_id}/candidates", response={200: CandidatesOut, **ERRORS})
def candidates(request: HttpRequest, request_id: int, page: Query[Page]) -> CandidatesOut:
    found = visible_request(caller(request), request_id)
    ranked = selectors.candidates(found, page.limit)
    people = User.objects.in_bulk([c.migrant_id for c in ranked])
    return CandidatesOut(
        results=[
            CandidateOut(migrant=person_out(people[c.migrant_id]), score=c.score, reasons=c.reasons)
            for c in ranked
        ]
    )


@router.get("/me/opportunities", response={200: OpportunitiesOut, **ERRORS})
def opportunities(request: HttpRequest, page: Query[Page]) -> OpportunitiesOut:
    migrant = require_role(caller(request), Role.MIGRANT)
    return OpportunitiesOut(
        results=[
            OpportunityOut(
                request=r.pk,
                sponsor=person_out(r.sponsor),
                score=c.score,
                community=r.sponsor.community.code if r.sponsor.community else None,
                reasons=c.reasons,
            )
            for r, c in selectors.opportunities(migrant, page.limit)
        ]
    )

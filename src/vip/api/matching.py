"""Sponsors' requests, their candidates, and a migrant's opportunities."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from vip.api.accounts import ERRORS
from vip.api.app import caller
from vip.api.schemas import (
    BlockIn,
    CandidateOut,
    CandidatesOut,
    CreatedOut,
    OpportunitiesOut,
    OpportunityOut,
    PersonOut,
    ProfileViewOut,
    RequestIn,
    ViewerOut,
)
from vip.calendar import age_on
from vip.clock import today
from vip.matching import selectors, services
from vip.matching.models import SponsorshipRequest
from vip.matching.services import LanguageNeed, RequestCriteria, SectorNeed
from vip.people import services as people_services
from vip.people.models import User
from vip.people.selectors import sponsor_for

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


@router.post("/requests", response={201: CreatedOut, **ERRORS})
def create_request(request: HttpRequest, body: RequestIn) -> Status[CreatedOut]:
    user = caller(request)
    created = services.create_request(
        user=user,
        sponsor=sponsor_for(user, body.sponsor),
        criteria=RequestCriteria(
            languages=tuple(LanguageNeed(n.code, n.min_level) for n in body.languages),
            sectors=tuple(SectorNeed(n.code, n.min_years) for n in body.sectors),
            age_min=body.age.min,
            age_max=body.age.max,
            clean_record=body.clean_record,
            health_clearance=body.health_clearance,
            start_date=body.start_date,
            annual_pay=body.annual_pay.money() if body.annual_pay else None,
            housing=body.housing,
            housing_text=body.housing_text,
            soft_criteria=None if body.soft_criteria is None else tuple(body.soft_criteria),
            duration_months=body.duration_months,
            sector=body.sector or "",
            work=body.work,
            gain_share=body.gain_share,
        ),
    )
    return Status(201, CreatedOut(id=created.pk))


@router.get("/requests/{request_id}/candidates", response={200: CandidatesOut, **ERRORS})
def candidates(request: HttpRequest, request_id: int, page: Query[Page]) -> CandidatesOut:
    ranked = services.search_candidates(
        user=caller(request), request_id=request_id, limit=page.limit
    ).results
    people = User.objects.in_bulk([c.id for c in ranked])
    return CandidatesOut(
        results=[
            CandidateOut(migrant=person_out(people[c.id]), score=c.score, reasons=list(c.reasons))
            for c in ranked
        ]
    )


@router.get("/me/views", response={200: list[ProfileViewOut], **ERRORS})
def my_views(request: HttpRequest) -> list[ProfileViewOut]:
    """Who saw the caller in a search's results (a migrant's own list)."""
    return [
        ProfileViewOut(
            viewer=ViewerOut(id=v.viewer.pk, full_name=v.viewer.full_name, role=v.viewer.role),
            request=v.request_id,
            sponsor=v.request.sponsor_id,
            at=v.at,
        )
        for v in selectors.views_of(caller(request))
    ]


@router.get("/me/opportunities", response={200: OpportunitiesOut, **ERRORS})
def opportunities(request: HttpRequest, page: Query[Page]) -> OpportunitiesOut:
    ranked = services.search_opportunities(user=caller(request), limit=page.limit).results
    requests = SponsorshipRequest.objects.select_related("sponsor__community").in_bulk(
        [r.id for r in ranked]
    )
    return OpportunitiesOut(
        results=[
            OpportunityOut(
                request=r.id,
                sponsor=person_out(requests[r.id].sponsor),
                score=r.score,
                community=community_code(requests[r.id].sponsor),
                reasons=list(r.reasons),
            )
            for r in ranked
        ]
    )


def community_code(sponsor: User) -> str | None:
    return sponsor.community.code if sponsor.community else None


@router.post("/me/blocks", response={201: CreatedOut, **ERRORS})
def block(request: HttpRequest, body: BlockIn) -> Status[CreatedOut]:
    made = people_services.block(user=caller(request), person_id=body.person)
    return Status(201, CreatedOut(id=made.pk))

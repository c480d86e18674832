"""Sponsors' requests, their candidates, and a migrant's opportunities."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from vip.agreements.models import Work
from vip.api.accounts import ERRORS
from vip.api.app import caller
from vip.api.schemas import (
    BlockIn,
    CandidateOut,
    CandidatesOut,
    CreatedOut,
    MoneyOut,
    OpportunitiesOut,
    OpportunityOut,
    PageQuery,
    PersonOut,
    ProfileViewOut,
    RequestIn,
    RequestOut,
    RequestsOut,
    RequestTermsOut,
    ViewerOut,
    next_cursor,
)
from vip.calendar import age_on
from vip.clock import today
from vip.matching import selectors, services
from vip.matching.models import SponsorshipRequest
from vip.matching.ranking.records import Housing
from vip.matching.selectors import requests_of, visible_request
from vip.matching.services import LanguageNeed, RequestCriteria, SectorNeed
from vip.people import services as people_services
from vip.people.models import Role, User
from vip.people.selectors import sponsor_for, verified_people

router = Router(tags=["matching"])


def person_out(user: User, verified: set[int]) -> PersonOut:
    return PersonOut(
        id=user.pk,
        full_name=user.full_name,
        country=user.country,
        age=age_on(user.birth_date, today()),
        verified=user.pk in verified,
    )


def terms_out(r: SponsorshipRequest, currency: str) -> RequestTermsOut:
    return RequestTermsOut(
        start_date=r.start_date,
        annual_pay=MoneyOut(amount=r.annual_pay, currency=currency),
        housing=Housing(r.housing),
        housing_text=r.housing_text,
        duration_months=r.duration_months,
        sector=r.sector,
        work=Work(r.work),
        gain_share=r.gain_share,
    )


def currency_of(sponsor: User) -> str:
    return sponsor.community.jurisdiction.currency if sponsor.community else "USD"


def request_out(r: SponsorshipRequest) -> RequestOut:
    return RequestOut(
        id=r.pk,
        sponsor=r.sponsor_id,
        created_at=r.created_at,
        open=r.active,
        languages=r.languages,
        age={"min": r.age_min, "max": r.age_max},
        sectors=r.sectors,
        clean_record=r.clean_record,
        health_clearance=r.health_clearance,
        terms=terms_out(r, currency_of(r.sponsor)),
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


@router.get("/me/requests", response={200: RequestsOut, **ERRORS})
def my_requests(request: HttpRequest, page: Query[PageQuery]) -> RequestsOut:
    """A sponsor's requests (an agency: its clients'; the authority: all), newest first, open
    or closed, with their terms. Paged: `limit` (1..200), `cursor`."""
    found = list(
        requests_of(caller(request)).select_related("sponsor__community__jurisdiction")[
            page.offset : page.offset + page.limit + 1
        ]
    )
    return RequestsOut(
        results=[request_out(r) for r in found[: page.limit]],
        next=next_cursor(page, len(found) > page.limit),
    )


@router.get("/requests/{request_id}", response={200: RequestOut, **ERRORS})
def read_request(request: HttpRequest, request_id: int) -> RequestOut:
    """The request's sponsor, his agency, the authority: the request and its terms. Codes:
    REQUEST_NOT_FOUND."""
    return request_out(visible_request(caller(request), request_id))


@router.post("/requests/{request_id}/close", response={200: RequestOut, **ERRORS})
def close_request(request: HttpRequest, request_id: int) -> RequestOut:
    """The sponsor (or his agency) closes his request: it is no longer ranked. A request also
    closes by itself once the sponsor's visa is approved. Codes: REQUEST_NOT_FOUND,
    NOT_SPONSOR (the authority), REQUEST_CLOSED."""
    return request_out(services.close_request(user=caller(request), request_id=request_id))


@router.get("/requests/{request_id}/candidates", response={200: CandidatesOut, **ERRORS})
def candidates(request: HttpRequest, request_id: int, page: Query[PageQuery]) -> CandidatesOut:
    """The migrants who fit the request, best first, with the reasons; a migrant whose score
    would be 0 (one side's soft criteria all give the pair 0 points) is not listed. Codes:
    REQUEST_NOT_FOUND, SPONSOR_NOT_VERIFIED, TOO_MANY_SEARCHES."""
    found = services.search_candidates(
        user=caller(request), request_id=request_id, limit=page.limit, offset=page.offset
    )
    people = User.objects.in_bulk([c.id for c in found.results])
    verified = verified_people(list(people))
    return CandidatesOut(
        results=[
            CandidateOut(
                migrant=person_out(people[c.id], verified),
                score=c.score,
                reasons=[str(r) for r in c.reasons],
            )
            for c in found.results
        ],
        next=next_cursor(page, found.more),
    )


@router.get("/me/views", response={200: list[ProfileViewOut], **ERRORS})
def my_views(request: HttpRequest) -> list[ProfileViewOut]:
    """Who saw the caller in a search's results (a migrant's own list)."""
    return [
        ProfileViewOut(
            viewer=ViewerOut(
                id=v.viewer.pk, full_name=v.viewer.full_name, role=Role(v.viewer.role)
            ),
            request=v.request_id,
            sponsor=v.request.sponsor_id,
            at=v.at,
        )
        for v in selectors.views_of(caller(request))
    ]


@router.get("/me/opportunities", response={200: OpportunitiesOut, **ERRORS})
def opportunities(request: HttpRequest, page: Query[PageQuery]) -> OpportunitiesOut:
    """The open requests that fit the migrant, best first, with the reasons and terms; a request
    whose score would be 0 (one side's soft criteria all give the pair 0 points) is not listed.
    Codes: ROLE_REQUIRED, TOO_MANY_SEARCHES."""
    migrant = caller(request)
    found = services.search_opportunities(user=migrant, limit=page.limit, offset=page.offset)
    requests = SponsorshipRequest.objects.select_related(
        "sponsor__community__jurisdiction"
    ).in_bulk([r.id for r in found.results])
    verified = verified_people([migrant.pk, *(r.sponsor_id for r in requests.values())])
    return OpportunitiesOut(
        results=[
            OpportunityOut(
                request=r.id,
                sponsor=person_out(requests[r.id].sponsor, verified),
                score=r.score,
                community=community_code(requests[r.id].sponsor),
                reasons=[str(why) for why in r.reasons],
                terms=terms_out(requests[r.id], currency_of(requests[r.id].sponsor)),
                migrant_verified=migrant.pk in verified,
            )
            for r in found.results
        ],
        next=next_cursor(page, found.more),
    )


def community_code(sponsor: User) -> str | None:
    return sponsor.community.code if sponsor.community else None


@router.post("/me/blocks", response={201: CreatedOut, **ERRORS})
def block(request: HttpRequest, body: BlockIn) -> Status[CreatedOut]:
    made = people_services.block(user=caller(request), person_id=body.person)
    return Status(201, CreatedOut(id=made.pk))

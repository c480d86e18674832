"""A sponsor's requests, the candidates shown to him, and the clearinghouse's rounds."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from django.conf import settings
from django.db import transaction

from vip.agreements.models import Work
from vip.agreements.services import Terms, make_offer, parse_gain_share
from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.cache import rate_limit
from vip.clock import now, today
from vip.communities.models import Community
from vip.errors import Conflict, Forbidden, Invalid, NotFound, role_required
from vip.matching import from_database, indexes, selectors
from vip.matching.clearinghouse.rounds import (
    Listed,
    MigrantList,
    RequestList,
    RoundLists,
    stable_pairs,
)
from vip.matching.clearinghouse.sides import RoundSide
from vip.matching.models import MatchRound, ProfileView, ShortlistEntry, SponsorshipRequest
from vip.matching.ranking.ranked import Ranked
from vip.matching.ranking.records import Housing, Level, SoftCriterion
from vip.matching.selectors import (
    may_close_request,
    may_run_round,
    may_search_for,
    may_seek_opportunities,
    may_state_request,
    visible_request,
)
from vip.money import Money
from vip.people.models import MigrantProfile, Role, User
from vip.policy.rates import convertible
from vip.policy.sectors import check_sectors


@dataclass(frozen=True)
class LanguageNeed:
    code: str
    min_level: Level = Level.A1


@dataclass(frozen=True)
class SectorNeed:
    code: str
    min_years: int = 0


@dataclass(frozen=True)
class RequestCriteria:
    """What a sponsor asks of the worker (what the ranking filters and scores on) and what a
    round's offer is made of; the API and the portal's request pages both build one."""

    languages: tuple[LanguageNeed, ...] = ()
    sectors: tuple[SectorNeed, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    clean_record: bool = False
    health_clearance: bool = False
    start_date: dt.date | None = None  # None: as soon as he can come
    annual_pay: Money | None = None  # the jurisdiction's currency
    housing: Housing = Housing.NONE
    housing_text: str = ""  # as the offer words it
    soft_criteria: tuple[SoftCriterion, ...] | None = None  # None: the sponsor's default
    duration_months: int = 12
    sector: str = ""  # "": the first required sector
    work: Work = Work.FOR_SPONSOR
    gain_share: float | str = "1/2"


@transaction.atomic(durable=True)
def create_request(*, user: User, sponsor: User, criteria: RequestCriteria) -> SponsorshipRequest:
    if not may_state_request(user, sponsor):
        raise Forbidden("NOT_SPONSOR", "only a sponsor, or their agency, states a request")
    c = criteria
    if c.age_min is not None and c.age_max is not None and c.age_min > c.age_max:
        raise Invalid("AGE_RANGE_EMPTY", "age.min is above age.max")
    check_sectors(
        [code for code in [*(s.code for s in c.sectors), c.sector] if code],
        sponsor.community.jurisdiction_id if sponsor.community else None,
    )
    gain = parse_gain_share(c.gain_share)
    if c.annual_pay is not None:
        currency = sponsor.community.jurisdiction.currency if sponsor.community else None
        if c.annual_pay.currency != currency:
            raise Invalid("CURRENCY_MISMATCH", f"pay where the sponsor lives is in {currency}")
    request = SponsorshipRequest.objects.create(
        sponsor=sponsor,
        created_by=user,
        created_at=now(),
        languages=[{"code": n.code, "min_level": n.min_level} for n in c.languages],
        sectors=[{"code": n.code, "min_years": n.min_years} for n in c.sectors],
        age_min=c.age_min,
        age_max=c.age_max,
        clean_record=c.clean_record,
        health_clearance=c.health_clearance,
        start_date=c.start_date,
        annual_pay=c.annual_pay.amount if c.annual_pay else 0,
        housing=c.housing,
        housing_text=c.housing_text,
        soft_criteria=None if c.soft_criteria is None else list(c.soft_criteria),
        duration_months=c.duration_months,
        sector=c.sector,
        work=c.work,
        gain_share=str(gain),
    )
    audit.record(
        actor=user,
        action=Action.REQUEST_CREATED,
        object_type=Subject.REQUEST,
        object_id=request.pk,
        data={"sponsor": sponsor.pk},
        on_behalf_of=sponsor,
    )
    indexes.note_changed(sponsor.pk)
    return request


@dataclass(frozen=True)
class Found:
    """A page of a search: the results asked for, and whether more follow."""

    results: list[Ranked]
    more: bool


def page_of(ranked: list[Ranked], offset: int, limit: int) -> Found:
    return Found(ranked[offset : offset + limit], len(ranked) > offset + limit)


def count_search(user: User) -> None:
    """Searches are rate-limited per person, in the shared cache (every worker counts in one
    place): VIP_SEARCHES_PER_WINDOW in VIP_SEARCH_WINDOW_SECONDS, then 429 until the window ends."""
    rate_limit(
        "searches",
        user.pk,
        settings.VIP_SEARCHES_PER_WINDOW,
        settings.VIP_SEARCH_WINDOW_SECONDS,
        "TOO_MANY_SEARCHES",
        "searches",
    )


@transaction.atomic(durable=True)
def search_candidates(*, user: User, request_id: int, limit: int, offset: int = 0) -> Found:
    """The migrants who fit a verified sponsor's request, to those who may see it; rate-limited.
    Every search is audited, and each migrant shown sees who saw him (GET /me/views). Candidates
    shown as "verified clean record" or "verified health clearance" reveal those results: one
    sensitive read per page too, naming the migrants shown."""
    request = visible_request(user, request_id)
    if not may_search_for(request):
        raise Forbidden("SPONSOR_NOT_VERIFIED", "the sponsor's identity is not verified yet")
    count_search(user)
    found = page_of(selectors.candidates(request.pk, offset + limit + 1), offset, limit)
    shown = [c.id for c in found.results]
    at = now()
    ProfileView.objects.bulk_create(
        ProfileView(migrant_id=m, viewer=user, request=request, at=at) for m in shown
    )
    audit.record(
        actor=user,
        action=Action.CANDIDATES_SEARCHED,
        object_type=Subject.REQUEST,
        object_id=request.pk,
        data={"offset": offset, "limit": limit, "migrants": shown},
        on_behalf_of=request.sponsor,
    )
    kinds = ["criminal_record"] * request.clean_record + ["health"] * request.health_clearance
    if kinds and shown:
        audit.record(
            actor=user,
            action=Action.SENSITIVE_READ,
            object_type=Subject.REQUEST,
            object_id=request.pk,
            data={"kinds": kinds, "migrants": shown},
        )
    return found


@transaction.atomic(durable=True)
def search_opportunities(*, user: User, limit: int, offset: int = 0) -> Found:
    """The open requests that fit a migrant: his own search, rate-limited and audited."""
    if not may_seek_opportunities(user):
        raise role_required(Role.MIGRANT)
    count_search(user)
    found = page_of(selectors.opportunities(user.pk, offset + limit + 1), offset, limit)
    audit.record(
        actor=user,
        action=Action.OPPORTUNITIES_SEARCHED,
        object_type=Subject.USER,
        object_id=user.pk,
        data={"offset": offset, "limit": limit, "requests": [r.id for r in found.results]},
    )
    return found


# How far down a request's ranking a candidate's page and the shortlist reach: the candidates
# a sponsor can page to (the listings page past 200 by cursor).
CANDIDATE_REACH = 1000


def _candidate(request: SponsorshipRequest, migrant_id: int) -> Ranked:
    """The migrant as the request's ranking lists him (score and reasons), or not found: a
    sponsor sees and keeps only those his request would show him."""
    found = next(
        (c for c in selectors.candidates(request.pk, CANDIDATE_REACH) if c.id == migrant_id), None
    )
    if found is None:
        raise NotFound("CANDIDATE_NOT_FOUND", "no such candidate for this request")
    return found


@transaction.atomic(durable=True)
def view_candidate(*, user: User, request_id: int, migrant_id: int) -> Ranked:
    """One candidate's page: a search that shows him alone, counted and audited like the list,
    and he sees who saw him."""
    request = visible_request(user, request_id)
    if not may_search_for(request):
        raise Forbidden("SPONSOR_NOT_VERIFIED", "the sponsor's identity is not verified yet")
    count_search(user)
    found = _candidate(request, migrant_id)
    ProfileView.objects.create(migrant_id=migrant_id, viewer=user, request=request, at=now())
    audit.record(
        actor=user,
        action=Action.CANDIDATE_VIEWED,
        object_type=Subject.REQUEST,
        object_id=request.pk,
        data={"migrant": migrant_id},
        on_behalf_of=request.sponsor,
    )
    return found


@transaction.atomic(durable=True)
def keep_on_shortlist(*, user: User, request_id: int, migrant_id: int, keep: bool) -> bool:
    """Put a candidate on the request's shortlist (keep) or take him off; returns whether he is
    on it now. Only a candidate the request lists may be kept."""
    request = visible_request(user, request_id)
    if not may_search_for(request):
        raise Forbidden("SPONSOR_NOT_VERIFIED", "the sponsor's identity is not verified yet")
    entries = ShortlistEntry.objects.filter(request=request, migrant_id=migrant_id)
    if keep:
        _candidate(request, migrant_id)
        ShortlistEntry.objects.get_or_create(
            request=request, migrant_id=migrant_id, defaults={"added_at": now()}
        )
    else:
        entries.delete()
    audit.record(
        actor=user,
        action=Action.CANDIDATE_SHORTLISTED if keep else Action.CANDIDATE_UNSHORTLISTED,
        object_type=Subject.REQUEST,
        object_id=request.pk,
        data={"migrant": migrant_id},
        on_behalf_of=request.sponsor,
    )
    return keep


ROUND_LIST_LENGTH = 20


def round_lists(cohort: Community, k: int = ROUND_LIST_LENGTH) -> RoundLists:
    """Both sides' rank lists from the ranking: each open request (a sponsor's latest) lists its
    top k migrants; each migrant so listed ranks those requests by the same pair score and keeps
    his top k. A migrant takes part in the round of every jurisdiction he accepts whatever the
    currency of his home earnings (rule 11: the offer converts them at the day's rate); those who
    have not stated them yet, or whose currency has no rate into the cohort's, cannot be offered
    an agreement (the gain baseline), so take no part."""
    latest: dict[int, int] = {}
    for record in from_database.sponsor_records(
        sponsors=list(cohort.residents.filter(role=Role.SPONSOR).values_list("pk", flat=True))
    ):
        if record.open:
            latest[record.sponsor_id] = max(latest.get(record.sponsor_id, 0), record.id)
    ranked = {r: selectors.candidates(r, k) for r in sorted(latest.values())}
    listed = {c.id for found in ranked.values() for c in found}
    payable = {
        migrant
        for migrant, currency in MigrantProfile.objects.filter(
            user_id__in=listed, home_annual_earnings__isnull=False
        ).values_list("user_id", "home_currency")
        if convertible(currency, cohort.jurisdiction.currency, today())
    }
    sponsor_of = {request: sponsor for sponsor, request in latest.items()}
    requests = tuple(
        RequestList(
            r, sponsor_of[r], tuple(Listed(c.id, c.score) for c in found if c.id in payable)
        )
        for r, found in ranked.items()
    )
    choices: dict[int, list[tuple[float, int]]] = {}
    for request in requests:
        for entry in request.listed:
            choices.setdefault(entry.migrant, []).append((-entry.score, request.request))
    migrants = tuple(
        MigrantList(m, tuple(r for _, r in sorted(found)[:k]))
        for m, found in sorted(choices.items())
    )
    return RoundLists(requests, migrants)


def _offer_from(round_by: User, request: SponsorshipRequest, migrant_id: int) -> int:
    sponsor = request.sponsor
    assert sponsor.community is not None  # a cohort's sponsors live in it
    profile = getattr(sponsor, "sponsor_profile", None)
    housing = request.housing_text or (profile.housing if profile else "") or request.housing
    sectors = [s["code"] for s in request.sectors]
    terms = Terms(
        start_date=max(request.start_date or today(), today()),  # a date passed means now
        duration_months=request.duration_months,
        annual_pay=Money(request.annual_pay, sponsor.community.jurisdiction.currency),
        housing=housing.replace("_", " "),
        work=request.work,
        gain_share=parse_gain_share(request.gain_share),
        sector=request.sector or (sectors[0] if sectors else None),
    )
    agreement = make_offer(user=round_by, sponsor=sponsor, migrant_id=migrant_id, terms=terms)
    return agreement.pk


@transaction.atomic(durable=True)
def close_request(*, user: User, request_id: int) -> SponsorshipRequest:
    """The sponsor (or his agency) closes his request by hand: it is no longer ranked."""
    request = visible_request(user, request_id)
    if not may_close_request(user, request):
        raise Forbidden("NOT_SPONSOR", "only the sponsor, or their agency, closes the request")
    if not request.active:
        raise Conflict("REQUEST_CLOSED", "the request is closed already")
    close_requests(request.sponsor, user, "by_hand", ids=[request.pk])
    request.refresh_from_db()
    return request


def close_requests(sponsor: User, actor: User, why: str, ids: list[int] | None = None) -> None:
    """Close the sponsor's open requests (those of `ids`, or all of them), inside the caller's
    transaction: by hand, or once his visa is approved (he sponsors one migrant at a time)."""
    open_ = SponsorshipRequest.objects.select_for_update().filter(sponsor=sponsor, active=True)
    if ids is not None:
        open_ = open_.filter(pk__in=ids)
    closed = list(open_.values_list("pk", flat=True))
    SponsorshipRequest.objects.filter(pk__in=closed).update(active=False)
    for pk in closed:
        audit.record(
            actor=actor,
            action=Action.REQUEST_CLOSED,
            object_type=Subject.REQUEST,
            object_id=pk,
            data={"why": why},
            on_behalf_of=sponsor,
        )
    if closed:
        indexes.note_changed(sponsor.pk)


@transaction.atomic(durable=True)
def run_round(
    *, authority: User, cohort: str, proposing: RoundSide = RoundSide.MIGRANTS
) -> MatchRound:
    """A clearinghouse round on a community's cohort: rank lists both ways from the ranking,
    deferred acceptance (migrant-proposing by default: strategy-proof for the weaker side),
    the round recorded and audited, and each pair turned into an agreement offer on the
    request's terms, which both sides must still sign."""
    if not may_run_round(authority):
        raise role_required(Role.AUTHORITY)
    community = Community.objects.select_related("jurisdiction").filter(code=cohort).first()
    if community is None:
        raise NotFound("COMMUNITY_NOT_FOUND", f"no community {cohort!r}")
    lists = round_lists(community)
    matching = stable_pairs(lists, proposing.proposing)
    if matching.blocking_pairs:  # deferred acceptance cannot fail this: a check, not a branch
        raise RuntimeError(f"the round's matching has {matching.blocking_pairs} blocking pairs")
    found = SponsorshipRequest.objects.select_related(
        "sponsor__community__jurisdiction", "sponsor__sponsor_profile"
    ).in_bulk([r.request for r in lists.requests])
    pairs = [
        replace(pair, agreement=_offer_from(authority, found[pair.request], pair.migrant))
        for pair in matching.pairs
    ]
    held = MatchRound.objects.create(
        cohort=community.code,
        proposing=proposing,
        run_by=authority,
        run_at=now(),
        pairs=[asdict(p) for p in pairs],
    )
    audit.record(
        actor=authority,
        action=Action.MATCH_ROUND,
        object_type=Subject.MATCH_ROUND,
        object_id=held.pk,
        data={
            "cohort": community.code,
            "proposing": proposing,
            "requests": len(lists.requests),
            "migrants": len(lists.migrants),
            "pairs": len(pairs),
            "blocking_pairs": matching.blocking_pairs,
        },
    )
    return held

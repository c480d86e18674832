"""Who may see which sponsorship request and who may search, and the ranking's answers on the
live indexes."""

from __future__ import annotations

from django.db.models import QuerySet

from vip.clock import today
from vip.errors import NotFound
from vip.matching import from_database, indexes
from vip.matching.models import ProfileView, ShortlistEntry, SponsorshipRequest
from vip.matching.ranking.candidates import candidates as rank_candidates
from vip.matching.ranking.opportunities import opportunities as rank_opportunities
from vip.matching.ranking.ranked import Ranked
from vip.matching.ranking.records import Safeguards
from vip.people.models import Role, User, VerificationKind
from vip.people.selectors import acts_for, is_verified, of_sponsors_acted_for
from vip.policy.parameters import parameters


def may_state_request(user: User, sponsor: User) -> bool:
    """A sponsor states his requests, or the agency he delegated to."""
    return sponsor.role == Role.SPONSOR and acts_for(user, sponsor)


def may_see_request(user: User, request: SponsorshipRequest) -> bool:
    return user.role == Role.AUTHORITY or acts_for(user, request.sponsor)


def may_close_request(user: User, request: SponsorshipRequest) -> bool:
    """The sponsor closes his request, or the agency he delegated to."""
    return acts_for(user, request.sponsor)


def requests_of(user: User) -> QuerySet[SponsorshipRequest]:
    """GET /me/requests: a sponsor's, an agency's clients', all to the authority; newest first."""
    return of_sponsors_acted_for(user, SponsorshipRequest.objects.order_by("-created_at", "-id"))


def may_search_for(request: SponsorshipRequest) -> bool:
    """Only a verified sponsor's request is searched (by him, his agency or the authority): an
    unverified account sees nobody."""
    return is_verified(request.sponsor, VerificationKind.IDENTITY)


def may_seek_opportunities(user: User) -> bool:
    """A migrant looks for the sponsors' requests that fit him."""
    return user.role == Role.MIGRANT


def may_run_round(user: User) -> bool:
    return user.role == Role.AUTHORITY


def views_of(person: User, limit: int = 200) -> list[ProfileView]:
    """Who saw him in a search's results, latest first."""
    return list(
        ProfileView.objects.filter(migrant=person)
        .select_related("viewer", "request")
        .order_by("-at", "-id")[:limit]
    )


def visible_request(user: User, request_id: int) -> SponsorshipRequest:
    found = SponsorshipRequest.objects.select_related("sponsor").filter(pk=request_id).first()
    if found is None or not may_see_request(user, found):
        raise NotFound("REQUEST_NOT_FOUND", "no such request")
    return found


def candidates(request_id: int, k: int) -> list[Ranked]:
    """The migrants who fit the request best, best first, with reasons."""
    found = from_database.sponsor_records(ids=[request_id])
    if not found:
        return []
    request = found[0]
    with indexes.in_use() as live:
        found_in = live.jurisdictions.get(request.jurisdiction)
        if found_in is None:
            return []
        return rank_candidates(
            found_in.candidates,
            request,
            on=today(),
            k=k,
            blocks=live.blocks,
            safeguards=safeguards(request.jurisdiction),
        )


def safeguards(jurisdiction: str) -> Safeguards:
    """The jurisdiction's safeguarding parameters in force today."""
    params = parameters(jurisdiction, today())
    return Safeguards(min_adults_for_safeguarded=params["safeguard.min_adults_for_other_adults"])


def opportunities(migrant_id: int, k: int) -> list[Ranked]:
    """The open requests that fit the migrant best, over the jurisdictions he accepts."""
    found = from_database.migrant_records([migrant_id])
    if not found:
        return []
    migrant = found[0]
    with indexes.in_use() as live:
        indexed = live.as_indexed(migrant)
        # Each market ranks him in its own currency: his expectation converted into it.
        in_each = {
            code: live.priced(indexed, code)
            for code in sorted(indexed.jurisdictions)
            if code in live.jurisdictions
        }
        ranked: list[Ranked] = [
            r
            for code, priced in in_each.items()
            if priced is not None
            for r in rank_opportunities(
                live.jurisdictions[code].opportunities,
                priced,
                on=today(),
                k=k,
                blocks=live.blocks,
                safeguards=safeguards(code),
            )
        ]
    return sorted(ranked, key=lambda r: (-r.score, r.id))[:k]


def shortlist_of(user: User, request_id: int) -> list[ShortlistEntry]:
    """The candidates kept aside for a request, latest first, to those who may see it."""
    request = visible_request(user, request_id)
    return list(
        ShortlistEntry.objects.filter(request=request)
        .select_related("migrant")
        .order_by("-added_at", "-pk")
    )

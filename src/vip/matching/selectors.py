"""Candidates for a request and opportunities for a migrant: a plain correct ranking."""

from __future__ import annotations

from vip.clock import today
from vip.communities.selectors import rules_on
from vip.matching.models import SponsorshipRequest
from vip.matching.rules import Candidate, Criteria, MigrantFacts, as_levels, meets, rank, score
from vip.people.models import MigrantProfile, Role, User, Verification, VerificationKind
from vip.people.rules import age_on
from vip.visas.models import LIVE


def criteria_of(request: SponsorshipRequest) -> Criteria:
    sponsor = request.sponsor
    rules = rules_on(sponsor.community, today()) if sponsor.community else None
    allowed = rules.allowed_sectors if rules and not rules.open_zone else None
    interests = getattr(sponsor, "sponsor_profile", None)
    return Criteria(
        languages=as_levels(request.languages, "min_level"),
        age_min=request.age_min,
        age_max=request.age_max,
        sectors=as_levels(request.sectors, "min_years"),
        clean_record=request.clean_record,
        health_clearance=request.health_clearance,
        sponsor_interests=frozenset(interests.interests if interests else []),
        allowed_sectors=frozenset(allowed) if allowed is not None else None,
    )


def _latest_results(user_ids: list[int], kind: str) -> dict[int, bool]:
    latest: dict[int, bool] = {}
    rows = (
        Verification.objects.filter(person_id__in=user_ids, kind=kind)
        .order_by("person_id", "verified_at", "id")
        .values_list("person_id", "result")
    )
    for person_id, result in rows:
        latest[person_id] = result == "clear"
    return latest


def available_migrants() -> list[MigrantFacts]:
    """Migrants who hold no live visa and no signed agreement."""
    day = today()
    profiles = list(
        MigrantProfile.objects.select_related("user")
        .filter(user__role=Role.MIGRANT, user__is_active=True)
        .exclude(user__visas_as_migrant__status__in=LIVE)
        .exclude(user__agreements_as_migrant__status="signed")
    )
    ids = [p.user_id for p in profiles]
    clean = _latest_results(ids, VerificationKind.CRIMINAL_RECORD)
    health = _latest_results(ids, VerificationKind.HEALTH)
    return [
        MigrantFacts(
            id=p.user_id,
            age=age_on(p.user.birth_date, day),
            languages=as_levels(p.languages, "level"),
            sectors=as_levels(p.sectors, "years"),
            clean_record=clean.get(p.user_id, False),
            health_clear=health.get(p.user_id, False),
            interests=frozenset(p.interests),
        )
        for p in profiles
    ]


def candidates(request: SponsorshipRequest, limit: int) -> list[Candidate]:
    return rank(criteria_of(request), available_migrants(), limit)


def opportunities(migrant: User, limit: int) -> list[tuple[SponsorshipRequest, Candidate]]:
    """Open requests of sponsors without a live visa that this migrant meets, best first."""
    facts = next((m for m in available_migrants() if m.id == migrant.pk), None)
    if facts is None:
        return []
    requests = (
        SponsorshipRequest.objects.filter(active=True)
        .exclude(sponsor__visas_as_sponsor__status__in=LIVE)
        .select_related("sponsor__community", "sponsor__sponsor_profile")
    )
    found = []
    for request in requests:
        criteria = criteria_of(request)
        if meets(criteria, facts):
            found.append((request, score(criteria, facts)))
    found.sort(key=lambda pair: (-pair[1].score, pair[0].pk))
    return found[:limit]

"""Reads about people: latest verifications, acting on someone's behalf, and who may do what
to a person (the `may_*` predicates the people's services check)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import TypeVar

from django.conf import settings
from django.db.models import Model, Q, QuerySet

from vip.clock import now
from vip.errors import NotFound, role_required
from vip.people.models import (
    SELF_SERVICE_ROLES,
    STAFF_ROLES,
    ApiToken,
    Block,
    Delegation,
    FlagState,
    MatchOn,
    RequestStatus,
    Role,
    User,
    Verification,
    VerificationDocument,
    VerificationKind,
    VerificationRequest,
    VerificationResult,
)

M = TypeVar("M", bound=Model)


def is_verified(person: User, kind: str) -> bool:
    """The latest verification of a kind decides; an older clear result is superseded."""
    latest = person.verifications.filter(kind=kind).order_by("-verified_at", "-id").first()
    return latest is not None and latest.result == VerificationResult.CLEAR


def verified_people(ids: list[int]) -> set[int]:
    """Of these people, those whose identity is verified (a sponsor's citizenship too): the
    latest verification of each kind decides, as in is_verified."""
    latest: dict[tuple[int, str], str] = {}
    for person, kind, result in (
        Verification.objects.filter(
            person_id__in=ids, kind__in=[VerificationKind.IDENTITY, VerificationKind.CITIZENSHIP]
        )
        .order_by("verified_at", "id")
        .values_list("person_id", "kind", "result")
    ):
        latest[person, kind] = result
    sponsors = set(User.objects.filter(pk__in=ids, role=Role.SPONSOR).values_list("pk", flat=True))
    needed = {VerificationKind.IDENTITY}
    return {
        person
        for person in ids
        if all(
            latest.get((person, kind)) == VerificationResult.CLEAR
            for kind in needed | ({VerificationKind.CITIZENSHIP} if person in sponsors else set())
        )
    }


def acts_for(user: User, sponsor: User) -> bool:
    """A sponsor acts for himself; a licensed agency for the sponsors who delegated to it."""
    if user.pk == sponsor.pk:
        return True
    return (
        user.role == Role.AGENCY
        and Delegation.objects.filter(sponsor=sponsor, agency=user, revoked_at=None).exists()
    )


def of_sponsors_acted_for(user: User, found: QuerySet[M]) -> QuerySet[M]:
    """The rows of `found` (each has a `sponsor`) whose sponsor the user acts for: his own, or
    an agency's clients'; every row to the authority; none to anyone else."""
    if user.role == Role.AUTHORITY:
        return found
    if user.role == Role.SPONSOR:
        return found.filter(sponsor=user)
    if user.role == Role.AGENCY:
        clients = Delegation.objects.filter(agency=user, revoked_at=None).values("sponsor_id")
        return found.filter(sponsor_id__in=clients)
    return found.none()


def may_see_person(reader: User, person: User) -> bool:
    """Himself, or anyone to the authority."""
    return reader.role == Role.AUTHORITY or reader.pk == person.pk


def visible_person(reader: User, person_id: int) -> User:
    """The person, to those who may see him: to all others a person is not found."""
    person = User.objects.filter(pk=person_id).first()
    if person is None or not may_see_person(reader, person):
        raise NotFound("PERSON_NOT_FOUND", "no such person")
    return person


def visible_people(user: User) -> QuerySet[User]:
    """The people a member of staff may look up: everyone to the authority, his community's
    residents to an officer, its clients (who delegated to it) to an agency, himself to others."""
    people = User.objects.all()
    if user.role == Role.AUTHORITY:
        return people
    if user.role == Role.OFFICER:
        return people.filter(community=user.community) if user.community else people.none()
    if user.role == Role.AGENCY:
        clients = Delegation.objects.filter(agency=user, revoked_at=None).values("sponsor_id")
        return people.filter(pk__in=clients)
    return people.filter(pk=user.pk)


def people_matching(user: User, text: str) -> QuerySet[User]:
    """The people he may look up whose name or e-mail holds the text (any case), or whose id it
    is ("42", "P-42" or "P-000042"): how the authority finds a person. Nothing for no text."""
    words = text.strip()
    if not words:
        return User.objects.none()
    found = Q(full_name__icontains=words) | Q(email__icontains=words)
    digits = words.upper().removeprefix("P-")
    if digits.isdigit():
        found |= Q(pk=int(digits))
    return visible_people(user).filter(found).order_by("full_name", "email", "pk")


def may_use_admin(user: User, roles: frozenset[str]) -> bool:
    """The admin is for staff, each page for the roles it names (it only reads: every change goes
    through a service)."""
    return user.is_active and user.role in STAFF_ROLES and user.role in roles


def may_create_account(creator: User | None, role: str) -> bool:
    """Anyone signs up as a sponsor or a migrant; staff accounts are made by an authority (or by
    the operator at the shell, which the service is told apart)."""
    return role in SELF_SERVICE_ROLES or (creator is not None and creator.role == Role.AUTHORITY)


def may_state_profile(user: User) -> bool:
    """Sponsors and migrants have a profile; staff have none."""
    return user.role in SELF_SERVICE_ROLES


def may_record_verification(user: User) -> bool:
    return user.role == Role.AUTHORITY


def may_ask_verification(user: User) -> bool:
    """Sponsors and migrants ask to be verified in the portal; staff are vetted by their office."""
    return user.role in SELF_SERVICE_ROLES


def may_decide_flag(user: User) -> bool:
    """Whether two accounts are one person: the authority decides."""
    return user.role == Role.AUTHORITY


def may_be_cleared(request: VerificationRequest) -> bool:
    """A request matching another account is cleared only once the authority has dismissed the
    match (one person, one account)."""
    return request.flag in (FlagState.NONE, FlagState.DISMISSED)


def duplicates(person: User, document_number: str) -> list[dict[str, object]]:
    """The other accounts this person's request matches: the same identity document number, or
    the same name, birth date and country."""
    found: list[dict[str, object]] = []
    if document_number:
        same_number = (
            VerificationRequest.objects.filter(document_number=document_number)
            .exclude(person=person)
            .values_list("person_id", flat=True)
        )
        found += [
            {"person": pk, "on": MatchOn.DOCUMENT_NUMBER.value} for pk in sorted(set(same_number))
        ]
    name = person.full_name.strip()
    if name and person.birth_date and person.country:
        same_person = (
            User.objects.filter(
                full_name__iexact=name, birth_date=person.birth_date, country=person.country
            )
            .exclude(pk=person.pk)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        found += [{"person": pk, "on": MatchOn.NAME_BIRTH_DATE_COUNTRY.value} for pk in same_person]
    return found


def requests_of(person: User) -> QuerySet[VerificationRequest]:
    """His requests, the newest first, with their documents and results."""
    return (
        VerificationRequest.objects.filter(person=person)
        .select_related("verification")
        .prefetch_related("documents")
        .order_by("-created_at", "-id")
    )


def pending_requests(
    authority: User, kind: VerificationKind | None = None
) -> QuerySet[VerificationRequest]:
    """The authority's queue: requests waiting for a result (of one kind, if asked), the oldest
    first."""
    if not may_record_verification(authority):
        raise role_required(Role.AUTHORITY)
    waiting = VerificationRequest.objects.filter(
        status=RequestStatus.PENDING, person__is_active=True
    )
    if kind is not None:
        waiting = waiting.filter(kind=kind)
    # A pseudonymised or deactivated person's request waits for no one.
    return waiting.select_related("person").order_by("created_at", "id")


def visible_request(reader: User, request_id: int) -> VerificationRequest:
    """A request, to its person and the authority: to anyone else it is not found."""
    found = VerificationRequest.objects.select_related("person").filter(pk=request_id).first()
    if found is None or not may_see_person(reader, found.person):
        raise NotFound("VERIFICATION_REQUEST_NOT_FOUND", "no such verification request")
    return found


def visible_document(reader: User, document_id: int) -> VerificationDocument:
    """A document, to the person who uploaded it and the authority: to anyone else not found."""
    found = (
        VerificationDocument.objects.select_related("request__person")
        .filter(pk=document_id)
        .first()
    )
    if found is None or not may_see_person(reader, found.request.person):
        raise NotFound("DOCUMENT_NOT_FOUND", "no such document")
    return found


def may_import_people(user: User) -> bool:
    """A bulk intake records verification results: the authority's right."""
    return user.role == Role.AUTHORITY


def clients_of(agency: User) -> QuerySet[Delegation]:
    """GET /me/clients: the sponsors who delegate to this agency now, the latest first."""
    if agency.role != Role.AGENCY:
        raise role_required(Role.AGENCY)
    return (
        Delegation.objects.filter(agency=agency, revoked_at=None)
        .select_related("sponsor")
        .order_by("-created_at", "-id")
    )


def delegation_of(sponsor: User) -> Delegation | None:
    """The delegation in force: the agency that acts for him now, and since when."""
    return (
        Delegation.objects.filter(sponsor=sponsor, revoked_at=None).select_related("agency").first()
    )


def agencies_named(name: str) -> QuerySet[User]:
    """The licensed, active agencies whose name holds `name` (any case): how a sponsor finds the
    id he delegates to."""
    return User.objects.filter(
        role=Role.AGENCY, is_active=True, full_name__icontains=name
    ).order_by("full_name", "id")


def may_delegate(user: User) -> bool:
    """A sponsor names the agency that acts for him."""
    return user.role == Role.SPONSOR


def may_assign_household(user: User, person: User) -> bool:
    """The household decides the per-household cap, so a sponsor cannot choose his own (nor
    join another's to block it): the authority or his community's officer records it."""
    return user.role == Role.AUTHORITY or (
        user.role == Role.OFFICER
        and user.community_id is not None
        and user.community_id == person.community_id
    )


def sponsor_for(user: User, named: int | None) -> User:
    """The sponsor himself, or the sponsor an agency names."""
    if named is None or named == user.pk:
        return user
    sponsor = User.objects.filter(pk=named, role=Role.SPONSOR).first()
    if sponsor is None or not acts_for(user, sponsor):
        raise NotFound("SPONSOR_NOT_FOUND", "no sponsor you act for with this id")
    return sponsor


# The tz database lists a country's zones from its first city (zone.tab); where that city is not
# where most people live, the zone most of them keep.
MOST_PEOPLE_ZONE = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "RU": "Europe/Moscow",
}


@cache
def country_zones() -> dict[str, str]:
    table = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text()
    first: dict[str, str] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            country, _, zone = line.split("\t")[:3]
            first.setdefault(country, zone)
    return {**first, **MOST_PEOPLE_ZONE}


def time_zone(person: User) -> str:
    """The time zone a person keeps: his country's (the program asks no more), UTC without one."""
    return country_zones().get(person.country, "UTC")


def live_tokens() -> QuerySet[ApiToken]:
    """Tokens before their absolute expiry, used within the idle time (VIP_TOKEN_IDLE_MINUTES),
    of active people."""
    at = now()
    return ApiToken.objects.filter(
        expires_at__gt=at,
        last_used_at__gt=at - dt.timedelta(minutes=settings.VIP_TOKEN_IDLE_MINUTES),
        user__is_active=True,
    )


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """A person's live tokens, newest first."""
    return live_tokens().filter(user=user).order_by("-created_at", "-id")


def blocked(sponsor: User, migrant: User) -> bool:
    """Either has blocked the other: no offer, signature or interview passes between them."""
    return Block.objects.filter(
        Q(blocker=sponsor, blocked=migrant) | Q(blocker=migrant, blocked=sponsor)
    ).exists()

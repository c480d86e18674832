"""Reads about people: latest verifications, acting on someone's behalf."""

from __future__ import annotations

from vip.errors import NotFound
from vip.people.models import Delegation, Role, User


def is_verified(person: User, kind: str) -> bool:
    """The latest verification of a kind decides; an older clear result is superseded."""
    latest = person.verifications.filter(kind=kind).order_by("-verified_at", "-id").first()
    return latest is not None and latest.result == "clear"


def acts_for(user: User, sponsor: User) -> bool:
    """A sponsor acts for himself; a licensed agency for the sponsors who delegated to it."""
    if user.pk == sponsor.pk:
        return True
    return (
        user.role == Role.AGENCY
        and Delegation.objects.filter(sponsor=sponsor, agency=user, revoked_at=None).exists()
    )


def visible_person(reader: User, person_id: int) -> User:
    """Himself, or anyone to the authority: to all others a person is not found."""
    person = User.objects.filter(pk=person_id).first()
    if person is None or not (reader.role == Role.AUTHORITY or reader.pk == person.pk):
        raise NotFound("PERSON_NOT_FOUND", "no such person")
    return person


def sponsor_for(user: User, named: int | None) -> User:
    """The sponsor himself, or the sponsor an agency names."""
    if named is None or named == user.pk:
        return user
    sponsor = User.objects.filter(pk=named, role=Role.SPONSOR).first()
    if sponsor is None or not acts_for(user, sponsor):
        raise NotFound("SPONSOR_NOT_FOUND", "no sponsor you act for with this id")
    return sponsor

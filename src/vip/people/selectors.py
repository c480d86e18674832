"""Reads about people: latest verifications, acting on someone's behalf."""

from __future__ import annotations

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

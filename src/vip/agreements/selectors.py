"""Who may see which agreement, and who may offer, sign and interview."""

from __future__ import annotations

from vip.agreements.models import Agreement, Interview
from vip.errors import NotFound
from vip.people.models import Role, User
from vip.people.selectors import acts_for


def may_see(user: User, agreement: Agreement) -> bool:
    return (
        user.role == Role.AUTHORITY
        or user.pk == agreement.migrant_id
        or acts_for(user, agreement.sponsor)
    )


def may_offer(user: User, sponsor: User) -> bool:
    """A sponsor offers, or the agency he delegated to."""
    return sponsor.role == Role.SPONSOR and acts_for(user, sponsor)


def may_schedule_interview(user: User, agreement: Agreement) -> bool:
    """The parties (the agency for the sponsor): the authority sees the agreement, and has no
    interview to hold."""
    return user.role != Role.AUTHORITY and may_see(user, agreement)


def visible_agreement(user: User, agreement_id: int) -> Agreement:
    found = Agreement.objects.select_related("sponsor").filter(pk=agreement_id).first()
    if found is None or not may_see(user, found):
        raise NotFound("AGREEMENT_NOT_FOUND", "no such agreement")
    return found


def visible_interview(user: User, interview_id: int) -> Interview:
    """An interview is seen by whoever sees its agreement."""
    found = (
        Interview.objects.select_related("agreement__sponsor", "agreement__migrant")
        .filter(pk=interview_id)
        .first()
    )
    if found is None or not may_see(user, found.agreement):
        raise NotFound("INTERVIEW_NOT_FOUND", "no such interview")
    return found

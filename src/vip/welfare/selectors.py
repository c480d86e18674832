"""Reading check-ins and cases, and who may (the services' `may_*`).

A check-in's answers are the migrant's own: he reads them, and the authority reads them only
through a case (services.read_case, audited as a sensitive read). The sponsor, his agency and the
community's officer never find a check-in or a case: to them neither exists."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from vip.errors import NotFound
from vip.people.models import Role, User
from vip.policy.parameters import parameters
from vip.visas.models import Status, StatusChange, Visa
from vip.welfare.models import Case, CaseStatus, CheckIn, CheckInStatus, Occasion
from vip.welfare.rules import Schedule

OPEN_CASE = [CaseStatus.OPEN, CaseStatus.ASSIGNED]
UNANSWERED = [CheckInStatus.DUE, CheckInStatus.MISSED]
# Whose migrant reaches the office: granted and not yet arrived too (a fee asked of him before he
# travels is the abuse to hear of soonest).
REACHABLE = [Status.APPROVED, Status.ACTIVE]


def may_handle_cases(user: User) -> bool:
    return user.role == Role.AUTHORITY


def may_answer(user: User, checkin: CheckIn) -> bool:
    return user.role == Role.MIGRANT and user.pk == checkin.migrant_id


def may_reach_authority(user: User, visa: Visa) -> bool:
    """The migrant of the visa, at any time while it is his (not the sponsor, not his agency)."""
    return user.role == Role.MIGRANT and user.pk == visa.migrant_id


def visible_checkin(user: User, checkin_id: int, *, for_update: bool = False) -> CheckIn:
    """His own check-in, to the migrant; to everyone else, not found."""
    found = CheckIn.objects.select_related("visa")
    checkin = (found.select_for_update(of=("self",)) if for_update else found).filter(
        pk=checkin_id, migrant=user
    )
    first = checkin.first() if user.role == Role.MIGRANT else None
    if first is None:
        raise NotFound("WELFARE_CHECKIN_NOT_FOUND", "no such check-in")
    return first


def due_checkin(migrant: User) -> CheckIn | None:
    """The check-in he has to answer now: the oldest unanswered one of his active visa."""
    if migrant.role != Role.MIGRANT:
        return None
    return (
        CheckIn.objects.filter(migrant=migrant, status__in=UNANSWERED, visa__status=Status.ACTIVE)
        .order_by("due_on", "pk")
        .first()
    )


def answered_checkins(migrant: User) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(migrant=migrant, status=CheckInStatus.ANSWERED).order_by(
        "-due_on", "-pk"
    )


def current_visa(migrant: User) -> Visa | None:
    """His approved or active visa, from which he reaches the office."""
    if migrant.role != Role.MIGRANT:
        return None
    return Visa.objects.filter(migrant=migrant, status__in=REACHABLE).first()


def cases_of_migrant(migrant: User) -> QuerySet[Case]:
    """His cases, newest first: their reason, status and closing note (never the staff's notes)."""
    found = Case.objects.filter(migrant=migrant) if migrant.role == Role.MIGRANT else None
    return (found if found is not None else Case.objects.none()).order_by("-opened_at", "-pk")


def queue(user: User, status: str | None = None) -> QuerySet[Case]:
    """The authority's welfare cases, oldest first: the open ones unless a status is asked for.
    What a row of the queue shows (its reason, dates, the migrant's name) is not the answers."""
    if not may_handle_cases(user):
        raise NotFound("WELFARE_CASE_NOT_FOUND", "no welfare cases")
    found = Case.objects.select_related("migrant", "assigned_to")
    found = found.filter(status=status) if status else found.filter(status__in=OPEN_CASE)
    return found.order_by("opened_at", "pk")


def open_case_count(user: User) -> int:
    """The queue's count on the authority's dashboard."""
    return queue(user).count() if may_handle_cases(user) else 0


def staff() -> QuerySet[User]:
    """Who a case may be assigned to: the authority's active staff."""
    return User.objects.filter(role=Role.AUTHORITY, is_active=True).order_by("full_name", "pk")


def schedule_of(jurisdiction: str) -> Schedule:
    return Schedule(
        first_days=lambda day: int(parameters(jurisdiction, day)["welfare.first_checkin_days"]),
        interval_days=lambda day: int(
            parameters(jurisdiction, day)["welfare.checkin_interval_days"]
        ),
    )


def grace_days(jurisdiction: str, day: dt.date) -> int:
    return int(parameters(jurisdiction, day)["welfare.checkin_grace_days"])


def start_of(visa: Visa) -> tuple[dt.date, Occasion] | None:
    """The day the visa went active (his arrival, or the transfer to a new sponsor) and which."""
    became = (
        StatusChange.objects.filter(visa=visa, to_status=Status.ACTIVE).order_by("at", "pk").first()
    )
    if became is None:
        return None
    return became.at.date(), Occasion.TRANSFER if visa.transferred_from_id else Occasion.ARRIVAL

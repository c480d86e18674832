"""Reading the audit log: the authority browses it, newest first, by person, object and action."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from vip.audit.models import Action, AuditEvent, Subject
from vip.errors import role_required
from vip.people.models import Role, User


def may_read_the_log(user: User) -> bool:
    return user.role == Role.AUTHORITY


def events(
    user: User,
    *,
    person: str = "",
    object_type: str = "",
    object_id: str = "",
    action: str = "",
) -> QuerySet[AuditEvent]:
    """The events, newest first. A person (his id, "P-42", or his e-mail) is in those he did and
    those about him (his account, his documents' reads)."""
    if not may_read_the_log(user):
        raise role_required(Role.AUTHORITY)
    found = AuditEvent.objects.all()
    if person.strip():
        pk = person_id(person)
        about = Q(object_type=Subject.USER, object_id=str(pk))
        found = found.filter(Q(actor_id=pk) | about)
    if object_type:
        found = found.filter(object_type=object_type)
    if object_id:
        found = found.filter(object_id=object_id)
    if action:
        found = found.filter(action=action)
    return found.select_related("actor").order_by("-id")  # newest first, every chain


def person_id(text: str) -> int:
    """The person a text names: his id ("42", "P-000042") or his e-mail (any case); 0, nobody's
    id, for no one."""
    words = text.strip()
    digits = words.upper().removeprefix("P-")
    if digits.isdigit():
        return int(digits)
    found = User.objects.filter(email__iexact=words).values_list("pk", flat=True).first()
    return found or 0


def sensitive_reads(user: User) -> QuerySet[AuditEvent]:
    """Every read of something sensitive (a document, a verification's result, a check-in's
    answers), as the log lists it."""
    return events(user, action=Action.SENSITIVE_READ)

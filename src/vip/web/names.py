"""A visa's statuses, a complaint's and a person's role in the reader's language (the model's
values are the API's, in English)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.people.models import Role
from vip.visas.models import ComplaintStatus, Status

STATUSES: dict[str, Promise] = {
    Status.REVIEW: _("In review"),
    Status.REFUSED: _("Refused"),
    Status.APPROVED: _("Approved"),
    Status.ACTIVE: _("Active"),
    Status.COMPLETED: _("Completed"),
    Status.LEFT: _("Ended: the worker left"),
    Status.TRANSFERRED: _("Moved to another sponsor"),
    Status.REVOKED: _("Revoked"),
    Status.ABSCONDED: _("The worker disappeared"),
    Status.DEPORTED: _("Deported"),
}


def status_name(status: str) -> str:
    return str(STATUSES.get(status, status))


ROLES: dict[str, Promise] = {
    Role.SPONSOR: _("Sponsor"),
    Role.MIGRANT: _("Migrant"),
    Role.OFFICER: _("Community officer"),
    Role.AGENCY: _("Agency"),
    Role.AUTHORITY: _("Authority"),
}


def role_name(role: str) -> str:
    return str(ROLES.get(role, role))


COMPLAINT_STATUSES: dict[str, Promise] = {
    ComplaintStatus.OPEN: _("Received by the immigration office"),
    ComplaintStatus.ASSIGNED: _("Being looked into"),
    ComplaintStatus.ANSWERED: _("Answered"),
    ComplaintStatus.RESOLVED: _("Closed"),
}


def complaint_status_name(status: str) -> str:
    return str(COMPLAINT_STATUSES.get(status, status))

"""A person's notices, each with the words that tell it and the page it leads to."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.notifications.models import Kind, Notification
from vip.people.models import Role, User

WORDS: dict[Kind, Promise] = {
    Kind.OFFER_RECEIVED: _("A sponsor has offered you an agreement."),
    Kind.AGREEMENT_SIGNED: _("The other party has signed your agreement."),
    Kind.MESSAGE_RECEIVED: _("You have a new message."),
    Kind.INTERVIEW_SCHEDULED: _("You are invited to an interview."),
    Kind.VISA_STATUS_CHANGED: _("The visa has changed: see its timeline."),
    Kind.FINE_LEVIED: _("A fine is levied on you: see its reason and amount."),
    Kind.SUPPORT_DUE: _("Support is due while the worker looks for work."),
    Kind.VERIFICATION_DECIDED: _("The immigration office has checked your documents."),
    Kind.CHECKIN_DUE: _("A welfare check-in is due: a few private questions."),
    Kind.WELFARE_CASE_CHANGED: _("The immigration office has news of your welfare case."),
    Kind.COMPLAINT_CHANGED: _("The immigration office has news of your complaint."),
    Kind.DELEGATION_CREATED: _(
        "A sponsor has chosen you to act for them: they are among your clients."
    ),
    Kind.DELEGATION_REVOKED: _(
        "A sponsor has revoked their delegation: you no longer act for them."
    ),
}
# The page each notice leads to: the sponsor's and the migrant's (a visa has one for each).
PAGES: dict[Kind, tuple[str, str]] = {
    Kind.OFFER_RECEIVED: ("web:agreement", "web:agreement"),
    Kind.AGREEMENT_SIGNED: ("web:agreement", "web:agreement"),
    Kind.MESSAGE_RECEIVED: ("web:conversation", "web:conversation"),
    Kind.INTERVIEW_SCHEDULED: ("web:interview", "web:interview"),
    Kind.VISA_STATUS_CHANGED: ("web:visa", "web:migrant_visa"),
    Kind.FINE_LEVIED: ("web:money", "web:migrant_money"),  # only a sponsor is fined
    Kind.SUPPORT_DUE: ("web:visa", "web:migrant_visa"),
    Kind.VERIFICATION_DECIDED: ("web:verification", "web:verification"),
    # Only the migrant is told of his welfare: his welfare page lists what is due and his cases.
    Kind.CHECKIN_DUE: ("web:welfare", "web:welfare"),
    Kind.WELFARE_CASE_CHANGED: ("web:welfare", "web:welfare"),
    # About the visa complained of: the migrant's complaints page; the sponsor's visa page.
    Kind.COMPLAINT_CHANGED: ("web:visa", "web:complaints"),
    # Only an agency is told of a delegation: its clients are on its workspace.
    Kind.DELEGATION_CREATED: ("web:agency", "web:agency"),
    Kind.DELEGATION_REVOKED: ("web:agency", "web:agency"),
}
# His own page: no object in its address.
OWN_PAGE = {
    Kind.FINE_LEVIED,
    Kind.VERIFICATION_DECIDED,
    Kind.CHECKIN_DUE,
    Kind.WELFARE_CASE_CHANGED,
    Kind.DELEGATION_CREATED,
    Kind.DELEGATION_REVOKED,
}


@dataclass(frozen=True)
class Notice:
    notification: Notification
    words: Promise
    path: str


def told(notification: Notification) -> Notice:
    kind = Kind(notification.kind)
    sponsor_page, migrant_page = PAGES[kind]
    page = migrant_page if notification.person.role == Role.MIGRANT else sponsor_page
    args = [] if kind in OWN_PAGE else [notification.about_id]
    return Notice(notification, WORDS[kind], reverse(page, args=args))


def notices(user: User, limit: int = 50) -> list[Notice]:
    found = Notification.objects.filter(person=user).select_related("person")[:limit]
    return [told(n) for n in found]


def unread(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(person=user, read_at=None)

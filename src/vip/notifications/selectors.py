"""A person's notices, each with the words that tell it and the page it leads to."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.notifications.models import Notification, NotificationKind
from vip.people.models import Role, User

WORDS: dict[NotificationKind, Promise] = {
    NotificationKind.OFFER_RECEIVED: _("A sponsor has offered you an agreement."),
    NotificationKind.AGREEMENT_SIGNED: _("The other party has signed your agreement."),
    NotificationKind.MESSAGE_RECEIVED: _("You have a new message."),
    NotificationKind.INTERVIEW_SCHEDULED: _("You are invited to an interview."),
    NotificationKind.VISA_STATUS_CHANGED: _("The visa has changed: see its timeline."),
    NotificationKind.FINE_LEVIED: _("A fine is levied on you: see its reason and amount."),
    NotificationKind.SUPPORT_DUE: _("Support is due while the worker looks for work."),
    NotificationKind.VERIFICATION_DECIDED: _("The immigration office has checked your documents."),
    NotificationKind.CHECKIN_DUE: _("A welfare check-in is due: a few private questions."),
    NotificationKind.WELFARE_CASE_CHANGED: _(
        "The immigration office has news of your welfare case."
    ),
    NotificationKind.COMPLAINT_CHANGED: _("The immigration office has news of your complaint."),
    NotificationKind.DELEGATION_CREATED: _(
        "A sponsor has chosen you to act for them: they are among your clients."
    ),
    NotificationKind.DELEGATION_REVOKED: _(
        "A sponsor has revoked their delegation: you no longer act for them."
    ),
}
# The page each notice leads to: the sponsor's and the migrant's (a visa has one for each).
PAGES: dict[NotificationKind, tuple[str, str]] = {
    NotificationKind.OFFER_RECEIVED: ("web:agreement", "web:agreement"),
    NotificationKind.AGREEMENT_SIGNED: ("web:agreement", "web:agreement"),
    NotificationKind.MESSAGE_RECEIVED: ("web:conversation", "web:conversation"),
    NotificationKind.INTERVIEW_SCHEDULED: ("web:interview", "web:interview"),
    NotificationKind.VISA_STATUS_CHANGED: ("web:visa", "web:migrant_visa"),
    NotificationKind.FINE_LEVIED: ("web:money", "web:migrant_money"),  # only a sponsor is fined
    NotificationKind.SUPPORT_DUE: ("web:visa", "web:migrant_visa"),
    NotificationKind.VERIFICATION_DECIDED: ("web:verification", "web:verification"),
    # Only the migrant is told of his welfare: his welfare page lists what is due and his cases.
    NotificationKind.CHECKIN_DUE: ("web:welfare", "web:welfare"),
    NotificationKind.WELFARE_CASE_CHANGED: ("web:welfare", "web:welfare"),
    # About the visa complained of: the migrant's complaints page; the sponsor's visa page.
    NotificationKind.COMPLAINT_CHANGED: ("web:visa", "web:complaints"),
    # Only an agency is told of a delegation: its clients are on its workspace.
    NotificationKind.DELEGATION_CREATED: ("web:agency", "web:agency"),
    NotificationKind.DELEGATION_REVOKED: ("web:agency", "web:agency"),
}
# His own page: no object in its address.
OWN_PAGE = {
    NotificationKind.FINE_LEVIED,
    NotificationKind.VERIFICATION_DECIDED,
    NotificationKind.CHECKIN_DUE,
    NotificationKind.WELFARE_CASE_CHANGED,
    NotificationKind.DELEGATION_CREATED,
    NotificationKind.DELEGATION_REVOKED,
}


@dataclass(frozen=True)
class Notice:
    notification: Notification
    words: Promise
    path: str


def told(notification: Notification) -> Notice:
    kind = NotificationKind(notification.kind)
    sponsor_page, migrant_page = PAGES[kind]
    page = migrant_page if notification.person.role == Role.MIGRANT else sponsor_page
    args = [] if kind in OWN_PAGE else [notification.about_id]
    return Notice(notification, WORDS[kind], reverse(page, args=args))


def notices(user: User, limit: int = 50) -> list[Notice]:
    found = Notification.objects.filter(person=user).select_related("person")[:limit]
    return [told(n) for n in found]


def unread(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(person=user, read_at=None)

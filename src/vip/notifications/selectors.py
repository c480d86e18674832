"""A person's notices, each with the words that tell it and the page it leads to."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.notifications.models import Kind, Notification
from vip.people.models import User

WORDS: dict[Kind, Promise] = {
    Kind.OFFER_RECEIVED: _("A sponsor has offered you an agreement."),
    Kind.AGREEMENT_SIGNED: _("The other party has signed your agreement."),
    Kind.MESSAGE_RECEIVED: _("You have a new message."),
    Kind.INTERVIEW_SCHEDULED: _("You are invited to an interview."),
}
PAGES: dict[Kind, str] = {
    Kind.OFFER_RECEIVED: "web:agreement",
    Kind.AGREEMENT_SIGNED: "web:agreement",
    Kind.MESSAGE_RECEIVED: "web:conversation",
    Kind.INTERVIEW_SCHEDULED: "web:interview",
}


@dataclass(frozen=True)
class Notice:
    notification: Notification
    words: Promise
    path: str


def told(notification: Notification) -> Notice:
    kind = Kind(notification.kind)
    path = reverse(PAGES[kind], args=[notification.about_id])
    return Notice(notification, WORDS[kind], path)


def notices(user: User, limit: int = 50) -> list[Notice]:
    return [told(n) for n in Notification.objects.filter(person=user)[:limit]]


def unread(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(person=user, read_at=None)

"""Telling a person what concerns him: a row in the portal at once, the e-mail after commit."""

from __future__ import annotations

from django.db import transaction

from vip.clock import now
from vip.notifications.models import Notification, NotificationKind
from vip.people.models import User


def notify(person: User, kind: NotificationKind, about_id: int) -> Notification:
    """Inside the caller's transaction: the notice lands with what it tells, or not at all; its
    e-mail is queued once that transaction has committed (a rolled-back offer sends nothing)."""
    from vip.notifications.tasks import email_notification

    made = Notification.objects.create(
        person=person, kind=kind, about_id=about_id, created_at=now()
    )
    transaction.on_commit(lambda: email_notification.enqueue(made.pk))
    return made


def notify_others(
    people: list[User], actor: User | None, kind: NotificationKind, about_id: int
) -> None:
    """Each party but the one who acted (he knows what he did)."""
    for person in people:
        if actor is None or person.pk != actor.pk:
            notify(person, kind, about_id)


@transaction.atomic(durable=True)
def mark_read(*, user: User) -> int:
    """He has seen his notices: each is marked read (they are kept)."""
    return Notification.objects.filter(person=user, read_at=None).update(read_at=now())


@transaction.atomic(durable=True)
def record_emailed(*, notification_id: int) -> None:
    """The background task's own record that the e-mail went out (no person calls it)."""
    Notification.objects.filter(pk=notification_id).update(emailed_at=now())

"""An offer, a signature, a message and an interview are told to the person they concern: a
notice in the portal at once, and an e-mail in each language, sent by the background task once
the transaction has committed (never for an action that was refused)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail

from vip.agreements import services as agreements
from vip.errors import DomainError
from vip.messaging import services as messaging
from vip.notifications import selectors, services
from vip.notifications.models import Notification, NotificationKind
from vip.people.models import User

from tests.cast import seed_terms

World = dict[str, User]
Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def test_an_offer_and_the_signatures_are_told_to_the_other_party(
    story: World, django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    with django_capture_on_commit_callbacks(execute=True):
        offer = agreements.offer(
            user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms()
        )
    told = Notification.objects.get(person=bishal)
    assert (told.kind, told.about_id, told.emailed_at is not None) == (
        NotificationKind.OFFER_RECEIVED,
        offer.pk,
        True,
    )
    assert [m.to for m in mail.outbox] == [[bishal.email]]
    body = mail.outbox[0].body
    assert "A sponsor has offered you an agreement." in body
    assert f"/agreements/{offer.pk}/" in body
    assert "नयाँ" in body or "सम्झौता" in body  # Nepali too
    with django_capture_on_commit_callbacks(execute=True):
        agreements.sign(user=bishal, agreement_id=offer.pk)
    assert (
        Notification.objects.filter(person=anthony, kind=NotificationKind.AGREEMENT_SIGNED).count()
        == 1
    )


def test_a_message_and_an_interview_are_told(
    story: World, django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    with django_capture_on_commit_callbacks(execute=True):
        opened = messaging.open_conversation(user=anthony, counterpart_id=bishal.pk)
        messaging.send_message(user=anthony, conversation_id=opened.pk, body="Namaste")
        offer = agreements.offer(
            user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms()
        )
        at = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
        agreements.schedule_interview(user=bishal, agreement_id=offer.pk, at=at)
    kinds = {(n.person_id, n.kind) for n in Notification.objects.all()}
    assert (bishal.pk, NotificationKind.MESSAGE_RECEIVED) in kinds
    assert (anthony.pk, NotificationKind.INTERVIEW_SCHEDULED) in kinds  # Bishal invited him
    paths = [n.path for n in selectors.notices(bishal)]
    assert f"/messages/{opened.pk}/" in paths


def test_a_refused_action_tells_no_one(
    story: World, django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        agreements.offer(
            user=anthony,
            sponsor=anthony,
            migrant_id=bishal.pk,
            terms=seed_terms(duration_months=0),
        )
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_reading_the_notices_marks_them_read(
    story: World, django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    agreements.offer(user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms())
    assert selectors.unread(bishal).count() == 1
    assert services.mark_read(user=bishal) == 1
    assert selectors.unread(bishal).count() == 0


def test_a_decision_a_fine_and_support_are_told(
    story: World, django_capture_on_commit_callbacks: Capture
) -> None:
    from vip.clock import today
    from vip.visas import services as visas

    from tests.cast import active_visa

    anthony, bishal = story["anthony"], story["bishal"]
    with django_capture_on_commit_callbacks(execute=True):
        visa = active_visa(anthony, bishal)
        visas.report_event(
            user=anthony, visa_id=visa.pk, kind="unemployed", occurred_on=today(), details={}
        )
        visas.report_event(
            user=anthony, visa_id=visa.pk, kind="disappeared", occurred_on=today(), details={}
        )
    to_bishal = {n.kind for n in Notification.objects.filter(person=bishal)}
    assert {NotificationKind.VISA_STATUS_CHANGED, NotificationKind.SUPPORT_DUE} <= to_bishal
    paths = {n.path for n in selectors.notices(bishal)}
    assert f"/migrant/visas/{visa.pk}/" in paths
    fines = [
        n for n in selectors.notices(anthony) if n.notification.kind == NotificationKind.FINE_LEVIED
    ]
    assert [n.path for n in fines] == ["/sponsor/money/"]

"""The authority reads a case (a sensitive read, logged without what it says), gives it to one
of its staff, notes it and closes it with a note to the migrant, who is told each time."""

from __future__ import annotations

import json

import pytest

from vip.audit.models import Action, AuditEvent, Subject
from vip.errors import DomainError
from vip.notifications.models import Notification, NotificationKind
from vip.people.models import User
from vip.welfare import selectors, services
from vip.welfare.models import CaseStatus

from tests.welfare.life import NOT_PAID, checkin_due

pytestmark = pytest.mark.django_db


def test_the_authority_handles_a_case_and_the_migrant_is_told(story: dict[str, User]) -> None:
    bishal, authority = story["bishal"], story["authority"]
    checkin = checkin_due(story["anthony"], bishal)
    services.answer_checkin(user=bishal, checkin_id=checkin.pk, answers=NOT_PAID)
    case = selectors.queue(authority).get()

    read = services.read_case(reader=authority, case_id=case.pk)
    assert read.checkin is not None and read.checkin.paid_as_agreed == "no"
    services.assign_case(user=authority, case_id=case.pk, assignee_id=authority.pk)
    services.note_case(user=authority, case_id=case.pk, text="Called Anthony's employer.")
    closed = services.close_case(
        user=authority, case_id=case.pk, note="Your November wages are paid: tell us if not."
    )

    assert closed.status == CaseStatus.CLOSED
    assert selectors.open_case_count(authority) == 0
    told = Notification.objects.filter(person=bishal, kind=NotificationKind.WELFARE_CASE_CHANGED)
    assert told.count() == 2  # assigned, closed
    assert list(case.notes.values_list("text", flat=True)) == ["Called Anthony's employer."]
    with pytest.raises(DomainError) as refused:
        services.note_case(user=authority, case_id=case.pk, text="again")
    assert refused.value.code == "WELFARE_CASE_CLOSED"


def test_reading_a_case_is_a_sensitive_read_of_the_migrant(story: dict[str, User]) -> None:
    bishal, authority = story["bishal"], story["authority"]
    checkin = checkin_due(story["anthony"], bishal)
    services.answer_checkin(user=bishal, checkin_id=checkin.pk, answers=NOT_PAID)
    case = selectors.queue(authority).get()

    services.read_case(reader=authority, case_id=case.pk)

    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.action, event.actor_id, event.object_type, event.object_id) == (
        Action.SENSITIVE_READ,
        authority.pk,
        Subject.USER,
        str(bishal.pk),
    )
    assert event.data == {"welfare_case": case.pk}
    logged = json.dumps(list(AuditEvent.objects.values_list("data", flat=True)))
    assert "November" not in logged and '"no"' not in logged


def test_a_case_goes_only_to_the_authoritys_staff(story: dict[str, User]) -> None:
    bishal, authority = story["bishal"], story["authority"]
    checkin = checkin_due(story["anthony"], bishal)
    case = services.reach_authority(user=bishal, visa_id=checkin.visa_id, message="help")

    with pytest.raises(DomainError) as refused:
        services.assign_case(user=authority, case_id=case.pk, assignee_id=story["anthony"].pk)

    assert refused.value.code == "ASSIGNEE_NOT_AUTHORITY"

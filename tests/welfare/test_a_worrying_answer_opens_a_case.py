"""Bishal answers his check-in: all well closes it; "not paid as agreed" opens a case in the
authority's queue; a check-in is answered once; he may write to the office at any time."""

from __future__ import annotations

import pytest

from vip.audit.models import Action, AuditEvent
from vip.clock import today
from vip.errors import DomainError
from vip.notifications.models import Notification, NotificationKind
from vip.people.models import User
from vip.visas import services as visas
from vip.welfare import selectors, services
from vip.welfare.models import Case, CaseReason, CaseStatus, CheckInStatus, Occasion
from vip.welfare.services import Answers

from tests.cast import visa_for
from tests.welfare.life import FINE, NOT_PAID, checkin_due

pytestmark = pytest.mark.django_db


def test_his_first_checkin_is_asked_two_weeks_after_he_arrived(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    checkin = checkin_due(story["anthony"], bishal)

    assert (checkin.occasion, checkin.status) == (Occasion.ARRIVAL, CheckInStatus.DUE)
    assert selectors.due_checkin(bishal) == checkin
    assert (
        Notification.objects.filter(person=bishal, kind=NotificationKind.CHECKIN_DUE).count() == 1
    )
    assert not Notification.objects.filter(
        person=story["anthony"], kind=NotificationKind.CHECKIN_DUE
    )


def test_all_well_answers_it_and_opens_no_case(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    checkin = checkin_due(story["anthony"], bishal)

    answered = services.answer_checkin(user=bishal, checkin_id=checkin.pk, answers=FINE)

    assert answered.status == CheckInStatus.ANSWERED
    assert selectors.due_checkin(bishal) is None
    assert not Case.objects.exists()


def test_not_paid_as_agreed_opens_a_case_in_the_queue(story: dict[str, User]) -> None:
    bishal, authority = story["bishal"], story["authority"]
    checkin = checkin_due(story["anthony"], bishal)

    services.answer_checkin(user=bishal, checkin_id=checkin.pk, answers=NOT_PAID)

    case = selectors.queue(authority).get()
    assert (case.reason, case.status, case.checkin_id) == (
        CaseReason.WORRYING_ANSWER,
        CaseStatus.OPEN,
        checkin.pk,
    )
    assert selectors.open_case_count(authority) == 1
    logged = AuditEvent.objects.get(action=Action.CHECKIN_ANSWERED)
    assert logged.data == {"visa": checkin.visa_id}  # that he answered, never what


def test_a_checkin_is_answered_once(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    checkin = checkin_due(story["anthony"], bishal)
    services.answer_checkin(user=bishal, checkin_id=checkin.pk, answers=FINE)

    with pytest.raises(DomainError) as refused:
        services.answer_checkin(user=bishal, checkin_id=checkin.pk, answers=NOT_PAID)

    assert refused.value.code == "WELFARE_CHECKIN_ANSWERED"


def test_an_answer_outside_the_vocabulary_is_refused(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    checkin = checkin_due(story["anthony"], bishal)
    odd = Answers(
        paid_as_agreed="mostly", housing_as_agreed="yes", feels_safe="yes", charged_fee="no"
    )

    with pytest.raises(DomainError) as refused:
        services.answer_checkin(user=bishal, checkin_id=checkin.pk, answers=odd)

    assert (refused.value.code, refused.value.details) == (
        "WELFARE_ANSWER_INVALID",
        {"question": "paid_as_agreed"},
    )


def test_he_writes_to_the_office_at_any_time(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    checkin = checkin_due(story["anthony"], bishal)

    case = services.reach_authority(
        user=bishal, visa_id=checkin.visa_id, message="  Please call me after 6 pm.  "
    )

    assert (case.reason, case.message) == (CaseReason.MIGRANT_MESSAGE, "Please call me after 6 pm.")
    assert list(selectors.cases_of_migrant(bishal)) == [case]
    # He opened it: he is not told of what he did himself.
    assert not Notification.objects.filter(
        person=bishal, kind=NotificationKind.WELFARE_CASE_CHANGED
    )
    with pytest.raises(DomainError) as refused:
        services.reach_authority(user=bishal, visa_id=checkin.visa_id, message="   ")
    assert refused.value.code == "WELFARE_MESSAGE_EMPTY"


def test_he_reaches_the_office_before_he_travels_not_once_his_visa_ended(
    story: dict[str, User],
) -> None:
    bishal = story["bishal"]
    visa = visa_for(story["anthony"], bishal)
    assert visa.status == "approved"

    case = services.reach_authority(
        user=bishal, visa_id=visa.pk, message="The agent wants $900 for my ticket."
    )
    assert case.reason == CaseReason.MIGRANT_MESSAGE
    visas.report_event(user=bishal, visa_id=visa.pk, kind="left", occurred_on=today(), details={})

    with pytest.raises(DomainError) as refused:
        services.reach_authority(user=bishal, visa_id=visa.pk, message="one more thing")
    assert refused.value.code == "WELFARE_VISA_NOT_ACTIVE"

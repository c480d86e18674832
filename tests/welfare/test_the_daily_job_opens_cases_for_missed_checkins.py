"""The day's job asks each check-in due (once, whoever runs it) and, once a check-in's due date
and the grace have gone unanswered, marks it missed and opens a case on it, once."""

from __future__ import annotations

import datetime as dt

import pytest

from vip.clock import today
from vip.errors import DomainError
from vip.jobs import services as jobs
from vip.jobs.models import Job
from vip.notifications.models import Notification, NotificationKind
from vip.people.models import User
from vip.welfare import selectors, services
from vip.welfare.models import Case, CaseReason, CheckIn, CheckInStatus, Occasion

from tests.welfare.life import FINE, arrived_days_ago

pytestmark = pytest.mark.django_db


def test_a_checkin_unanswered_past_the_grace_opens_a_case(story: dict[str, User]) -> None:
    bishal, authority = story["bishal"], story["authority"]
    # US: the first check-in 14 days after he arrived, missed after 14 more.
    visa = arrived_days_ago(story["anthony"], bishal, 29)
    day = today()

    run = jobs.run_daily(job=Job.WELFARE_CHECKINS, day=day - dt.timedelta(days=15))
    assert run is not None and run.outcome == {"done": 1, "asked": 1, "missed": 0}
    assert jobs.run_daily(job=Job.WELFARE_CHECKINS, day=day - dt.timedelta(days=1)) is not None
    assert selectors.open_case_count(authority) == 0  # 14 days past due: still in its grace

    run = jobs.run_daily(job=Job.WELFARE_CHECKINS, day=day)

    assert run is not None and run.outcome == {"done": 1, "asked": 0, "missed": 1}
    checkin = CheckIn.objects.get(visa=visa)
    assert (checkin.occasion, checkin.status) == (Occasion.ARRIVAL, CheckInStatus.MISSED)
    case = selectors.queue(authority).get()
    assert (case.reason, case.checkin_id, case.visa_id) == (
        CaseReason.CHECKIN_MISSED,
        checkin.pk,
        visa.pk,
    )
    assert Notification.objects.filter(
        person=bishal, kind=NotificationKind.WELFARE_CASE_CHANGED
    ).exists()
    # The day's job again, or a second worker: nothing more.
    assert jobs.run_daily(job=Job.WELFARE_CHECKINS, day=day) is None
    assert Case.objects.count() == 1


def test_a_missed_checkin_may_still_be_answered(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    arrived_days_ago(story["anthony"], bishal, 29)
    services.run_checkins(day=today() - dt.timedelta(days=15))
    services.run_checkins(day=today())
    checkin = selectors.due_checkin(bishal)
    assert checkin is not None and checkin.status == CheckInStatus.MISSED

    services.answer_checkin(user=bishal, checkin_id=checkin.pk, answers=FINE)

    assert selectors.due_checkin(bishal) is None


def test_then_one_each_interval_of_his_jurisdiction(story: dict[str, User]) -> None:
    # US: 14 days after arrival, then every 90; arrived 104 days ago, the second is due today.
    visa = arrived_days_ago(story["anthony"], story["bishal"], 104)

    assert services.run_checkins(day=today()) == {"asked": 1, "missed": 0}
    checkin = CheckIn.objects.get(visa=visa)
    assert (checkin.due_on, checkin.occasion) == (today(), Occasion.INTERVAL)


def test_a_job_for_a_day_to_come_is_refused(story: dict[str, User]) -> None:

    with pytest.raises(DomainError) as refused:
        services.run_checkins(day=today() + dt.timedelta(days=1))
    assert refused.value.code == "DATE_IN_FUTURE"

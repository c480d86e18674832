"""Bishal sends his check-in's answers the moment the day's job finds it past its grace
(PostgreSQL, real threads, many rounds): both go through, in the same lock order (no deadlock),
and a check-in is either answered or missed with its case, never marked missed over his answers."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from vip.clock import today
from vip.people.models import User
from vip.welfare import services as welfare
from vip.welfare.models import Case, CaseReason, CheckIn, CheckInStatus

from tests.concurrency.race import race
from tests.welfare.life import NOT_PAID, arrived_days_ago

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_an_answer_and_the_days_job_at_once_never_leave_an_answer_marked_missed(
    story: dict[str, User],
) -> None:
    bishal = story["bishal"]
    visa = arrived_days_ago(story["anthony"], bishal, 29)
    welfare.run_checkins(day=today() - dt.timedelta(days=15))  # asked, 14 days ago now
    checkin = CheckIn.objects.get(visa=visa)
    for _ in range(12):
        attempts = [
            partial(welfare.run_checkins, day=today()),
            partial(welfare.answer_checkin, user=bishal, checkin_id=checkin.pk, answers=NOT_PAID),
        ]

        outcomes = race(attempts)

        assert [o.code for o in outcomes] == [None, None]
        checkin.refresh_from_db()
        assert checkin.status == CheckInStatus.ANSWERED and checkin.answered_at is not None
        reasons = set(Case.objects.filter(checkin=checkin).values_list("reason", flat=True))
        # His answer worries: its case is there; a missed case only if the job came first.
        assert CaseReason.WORRYING_ANSWER in reasons
        assert reasons <= {CaseReason.WORRYING_ANSWER, CaseReason.CHECKIN_MISSED}
        Case.objects.filter(checkin=checkin).delete()
        CheckIn.objects.filter(pk=checkin.pk).update(status=CheckInStatus.DUE, answered_at=None)

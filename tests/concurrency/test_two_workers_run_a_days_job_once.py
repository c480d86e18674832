"""Many workers start the same day's job at once (PostgreSQL, real threads): it runs once."""

from __future__ import annotations

from functools import partial

import pytest

from vip.clock import today
from vip.jobs import services
from vip.jobs.models import DailyRun, Job

from tests.concurrency.race import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_days_job_started_by_many_workers_runs_once() -> None:
    attempts = [partial(services.run_daily, job=Job.SUPPORT_ACCRUAL, day=today())] * 16
    ran = [o.value for o in race(attempts) if o.value is not None]
    assert len(ran) == 1
    assert DailyRun.objects.get().finished_at is not None

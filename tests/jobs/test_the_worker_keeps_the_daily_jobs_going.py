"""`vip worker` queues each daily job for its next run at its hour; each run queues the next
day's, so the jobs go on with no cron; a duplicate in the queue runs nothing and ends its chain."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from vip.clock import now, today
from vip.jobs import rules
from vip.jobs.models import DailyRun, Job
from vip.jobs.tasks import daily_job, schedule_all

ON_THE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_days(job: Job) -> list[str]:
    rows = DBTaskResult.objects.filter(task_path__endswith="daily_job").order_by("run_after")
    return [r.args_kwargs["args"][1] for r in rows if r.args_kwargs["args"][0] == job.value]


@override_settings(TASKS=ON_THE_QUEUE)
def test_each_job_is_queued_for_its_next_hour(db: None) -> None:
    schedule_all()
    day, at = rules.next_run(now())
    rows = DBTaskResult.objects.all()
    assert sorted(r.args_kwargs["args"][0] for r in rows) == sorted(Job.values)
    assert {r.run_after for r in rows} == {at}
    assert timezone.localtime(at).time() == rules.RUN_AT and day >= today()


@override_settings(TASKS=ON_THE_QUEUE)
def test_a_run_queues_the_next_days_and_a_duplicate_ends(db: None) -> None:
    day = today().isoformat()
    daily_job.call(Job.COMPLETE_ENDED_VISAS.value, day)
    assert DailyRun.objects.filter(job=Job.COMPLETE_ENDED_VISAS, day=today()).exists()
    assert queued_days(Job.COMPLETE_ENDED_VISAS) == [rules.next_run(now())[0].isoformat()]
    daily_job.call(Job.COMPLETE_ENDED_VISAS.value, day)  # a second worker's copy
    assert len(queued_days(Job.COMPLETE_ENDED_VISAS)) == 1


def test_the_next_run_is_today_before_the_hour_and_tomorrow_after() -> None:
    zone = timezone.get_current_timezone()
    before = dt.datetime(2026, 12, 2, 1, 30, tzinfo=zone)
    after = dt.datetime(2026, 12, 2, 2, 0, tzinfo=zone)
    assert rules.next_run(before)[0] == dt.date(2026, 12, 2)
    assert rules.next_run(after)[0] == dt.date(2026, 12, 3)

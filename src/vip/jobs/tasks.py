"""The daily jobs on the task queue (django-tasks): each task runs its job for its day, then
queues the next day's at its hour, so `vip worker` keeps them going with no cron."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from vip.clock import now
from vip.jobs import rules, services
from vip.jobs.models import Job


@task()
def daily_job(job: str, day: str) -> None:
    run = services.run_daily(job=Job(job), day=dt.date.fromisoformat(day))
    if run is not None:  # the chain that ran the day queues the next; a duplicate ends here
        schedule(Job(job), after=now())


def schedule(job: Job, *, after: dt.datetime) -> None:
    day, at = rules.next_run(after)
    daily_job.using(run_after=at).enqueue(job.value, day.isoformat())


def schedule_all() -> None:
    """What a worker queues as it starts: each job for its next run (a duplicate is harmless)."""
    for job in Job:
        schedule(job, after=now())

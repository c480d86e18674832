"""A simulation run on the task queue (django-tasks' database backend, `vip worker`)."""

from __future__ import annotations

from django_tasks import task

from vip.analysis import services


@task()
def simulate(run_id: str) -> None:
    services.execute_run(run_id=run_id)

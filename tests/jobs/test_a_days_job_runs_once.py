"""Each daily job runs once a day, whoever starts it: the worker's task, a second worker, cron
(`vip jobs run`); its run is recorded, and a failed run may be retried."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from vip.cli import app
from vip.clock import today
from vip.jobs import services
from vip.jobs.models import DailyRun, Job
from vip.people.models import User
from vip.visas import services as visas
from vip.visas.models import Status

from tests.cast import back_date, visa_for


def test_the_second_run_of_a_day_does_nothing(story: dict[str, User]) -> None:
    day = today()
    first = services.run_daily(job=Job.COMPLETE_ENDED_VISAS, day=day)
    assert first is not None and first.outcome == {"done": 0} and first.finished_at is not None
    assert services.run_daily(job=Job.COMPLETE_ENDED_VISAS, day=day) is None
    assert DailyRun.objects.filter(job=Job.COMPLETE_ENDED_VISAS).count() == 1


def test_a_visa_whose_term_ran_is_completed_by_the_days_job(story: dict[str, User]) -> None:
    visa = visa_for(story["anthony"], story["bishal"])
    back_date(visa.agreement, months=12)
    visas.report_event(
        user=story["anthony"], visa_id=visa.pk, kind="arrived", occurred_on=today(), details={}
    )
    run = services.run_daily(job=Job.COMPLETE_ENDED_VISAS, day=today())
    assert run is not None and run.outcome == {"done": 1}
    visa.refresh_from_db()
    assert visa.status == Status.COMPLETED


def test_a_failed_run_gives_its_claim_back(
    story: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(day: dt.date) -> dict[str, Any]:
        raise RuntimeError("the disk is full")

    jobs: dict[Job, Callable[[dt.date], dict[str, Any]]] = {**services.JOBS}
    monkeypatch.setattr(services, "JOBS", jobs | {Job.SUPPORT_ACCRUAL: broken})
    with pytest.raises(RuntimeError):
        services.run_daily(job=Job.SUPPORT_ACCRUAL, day=today())
    assert not DailyRun.objects.exists()
    monkeypatch.setattr(services, "JOBS", jobs)
    assert services.run_daily(job=Job.SUPPORT_ACCRUAL, day=today()) is not None


def test_without_a_signing_key_the_checkpoint_is_skipped_and_said(db: None) -> None:
    run = services.run_daily(job=Job.AUDIT_CHECKPOINT, day=today())
    assert run is not None and "VIP_AUDIT_SIGNING_KEY" in run.outcome["skipped"]


def test_cron_runs_every_job_once(db: None) -> None:
    first = CliRunner().invoke(app, ["jobs", "run"])
    again = CliRunner().invoke(app, ["jobs", "run"])
    assert first.exit_code == 0 and again.exit_code == 0
    assert set(DailyRun.objects.values_list("job", flat=True)) == set(Job.values)
    assert again.stdout.count("not run again") == len(Job)


def test_an_unknown_job_is_refused_in_one_line(db: None) -> None:
    result = CliRunner().invoke(app, ["jobs", "run", "--job", "payday"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --job must be one of support_accrual")

"""The daily jobs: each runs once per day whoever starts it (a worker's task, a second worker,
cron through `vip jobs run`), and its run is recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from vip.auctions import services as auctions
from vip.audit import services as audit
from vip.clock import now
from vip.jobs.models import DailyRun, Job
from vip.privacy import services as privacy
from vip.visas import services as visas
from vip.welfare import services as welfare


def _accrue(day: dt.date) -> dict[str, Any]:
    return {"done": visas.accrue_support(actor=None, day=day)}


def _complete(day: dt.date) -> dict[str, Any]:
    return {"done": visas.complete_ended_visas(day=day)}


def _checkpoint(day: dt.date) -> dict[str, Any]:
    if not settings.VIP_AUDIT_SIGNING_KEY:
        return {"skipped": "VIP_AUDIT_SIGNING_KEY is not set"}
    folder = Path(settings.VIP_AUDIT_CHECKPOINT_DIR or settings.VAR_DIR / "checkpoints")
    folder.mkdir(parents=True, exist_ok=True)
    checkpoint = audit.write_checkpoint(folder / f"{day.isoformat()}.json")
    return {"done": checkpoint.seq, "file": f"{day.isoformat()}.json"}


def _retain(day: dt.date) -> dict[str, Any]:
    return {"done": privacy.pseudonymise_expired(day=day)}


def _auctions(day: dt.date) -> dict[str, Any]:
    moved = auctions.advance_due()
    return {"done": sum(len(steps) for steps in moved.values()), "moved": moved}


def _welfare(day: dt.date) -> dict[str, Any]:
    done = welfare.run_checkins(day=day)
    return {"done": done["asked"] + done["missed"], **done}


JOBS: dict[Job, Callable[[dt.date], dict[str, Any]]] = {
    Job.SUPPORT_ACCRUAL: _accrue,
    Job.COMPLETE_ENDED_VISAS: _complete,
    Job.AUDIT_CHECKPOINT: _checkpoint,
    Job.RETENTION: _retain,
    Job.AUCTIONS: _auctions,
    Job.WELFARE_CHECKINS: _welfare,
}


def run_daily(*, job: Job, day: dt.date) -> DailyRun | None:
    """Run the job for the day unless it has a run already (None then). The claim commits
    first, so a second worker waits on it and finds it; a job that fails gives its claim back,
    so a retry may run it. Each job's own services are durable and audited."""
    try:
        with transaction.atomic(durable=True):
            run = DailyRun.objects.create(job=job, day=day, started_at=now())
    except IntegrityError:
        return None
    try:
        outcome = JOBS[job](day)
    except BaseException:
        DailyRun.objects.filter(pk=run.pk).delete()
        raise
    run.outcome, run.finished_at = outcome, now()
    run.save(update_fields=["outcome", "finished_at"])
    return run

"""The daily jobs' record: one row per job and day, so a day's job never runs twice."""

from __future__ import annotations

from django.db import models


class Job(models.TextChoices):
    SUPPORT_ACCRUAL = "support_accrual", "post the support owed for months begun"
    COMPLETE_ENDED_VISAS = "complete_ended_visas", "complete the visas whose term has run"
    AUDIT_CHECKPOINT = "audit_checkpoint", "sign the audit log's head"
    RETENTION = "retention", "pseudonymise what outlived its retention"
    AUCTIONS = "auctions", "move the visa auctions on at their times"
    WELFARE_CHECKINS = "welfare_checkins", "ask the check-ins due, open cases on those missed"


class DailyRun(models.Model):
    """A job's run for a day: claimed before it starts (the unique pair is what stops a second
    worker, a retry or cron), finished with what it did."""

    job = models.CharField(max_length=32, choices=Job.choices)
    day = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.JSONField(default=dict)  # {"done": n} or {"skipped": why}

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="one_run_per_job_and_day")
        ]
        ordering = ["-day", "job"]

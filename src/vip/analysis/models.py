"""Simulation runs started in the browser: public, anonymous, kept so that a run's page (its id
in the URL) survives a reload and its figures can be downloaded."""

from __future__ import annotations

import uuid

from django.db import models

from vip.simulation.inputs import Mode


class RunStatus(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


class Run(models.Model):
    """One scenario (a preset, a mode, the inputs changed), or a sweep of one input over it.
    Nothing personal: not even the address it came from (the rate limit counts in the cache)."""

    # A random id: a run is found by its link, never by counting.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    preset = models.CharField(max_length=64)
    mode = models.CharField(max_length=16, choices=[(mode.value, mode.value) for mode in Mode])
    name = models.CharField(max_length=100)
    overrides = models.JSONField(default=dict)  # {key: value}, only those differing from the preset
    sweep_key = models.CharField(max_length=100, blank=True)
    sweep_values = models.JSONField(default=list)
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)  # steps done of `total`: the progress bar
    total = models.PositiveIntegerField(default=1)
    result = models.JSONField(null=True, blank=True)  # what `vip simulate --json` prints
    error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

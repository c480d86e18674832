"""A sponsor's request: the criteria of the worker he is willing to sponsor."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SponsorshipRequest(models.Model):
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="requests"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    languages = models.JSONField(default=list)  # [{"code": "en", "min_level": "B1"}]
    age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    sectors = models.JSONField(default=list)  # [{"code": "construction", "min_years": 1}]
    clean_record = models.BooleanField(default=False)
    health_clearance = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

"""Jurisdictions and communities; a community's rules on its residents' sponsorship, dated."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Jurisdiction(models.Model):
    """A participating country; its parameters live in policy/parameters/<code>.yaml."""

    code = models.CharField(max_length=8, primary_key=True)
    name = models.CharField(max_length=100)
    currency = models.CharField(max_length=3)

    def __str__(self) -> str:
        return self.code


class Community(models.Model):
    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="communities"
    )
    population = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.code


class CommunityRules(models.Model):
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="rules")
    effective_from = models.DateField()
    max_active_visas = models.PositiveIntegerField(null=True, blank=True)
    max_per_1000_residents = models.DecimalField(
        max_digits=8, decimal_places=3, null=True, blank=True
    )
    max_per_household = models.PositiveIntegerField(null=True, blank=True)
    allowed_sectors = models.JSONField(null=True, blank=True)  # None: every sector
    open_zone = models.BooleanField(default=False)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name_plural = "community rules"

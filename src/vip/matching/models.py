"""A sponsor's request: the criteria of the worker he is willing to sponsor."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vip.agreements.models import Work
from vip.matching.clearinghouse.sides import RoundSide
from vip.matching.ranking.records import Housing


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
    # What the ranking ranks on and what a round's offer is made of (all optional).
    start_date = models.DateField(null=True, blank=True)  # None: as soon as he can come
    annual_pay = models.BigIntegerField(default=0)  # minor units of the jurisdiction's currency
    housing = models.CharField(
        max_length=16, choices=[(h.value, h.value) for h in Housing], default=Housing.NONE.value
    )
    housing_text = models.CharField(max_length=200, blank=True)  # as the offer words it
    soft_criteria = models.JSONField(null=True, blank=True)  # None: the sponsor's default
    duration_months = models.PositiveSmallIntegerField(default=12)
    sector = models.CharField(max_length=64, blank=True)  # "": the first required sector
    work = models.CharField(max_length=16, choices=Work.choices, default=Work.FOR_SPONSOR)
    gain_share = models.CharField(max_length=32, default="1/2")


class MatchRound(models.Model):
    """A clearinghouse round on the database: who ran it, on which cohort, and its pairs."""

    cohort = models.CharField(max_length=32)  # a community code
    proposing = models.CharField(max_length=16, choices=[(s.value, s.value) for s in RoundSide])
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    run_at = models.DateTimeField()
    # [{"request": id, "sponsor": id, "migrant": id, "agreement": id}]
    pairs = models.JSONField(default=list)


class IndexChange(models.Model):
    """A committed change the ranking's indexes must follow, written in the changing service's
    transaction: every server process (each gunicorn worker keeps its own indexes) reads the
    ones it has not applied before it ranks, so one worker's change reaches the others."""

    class Kind(models.TextChoices):
        PEOPLE = "people"  # re-read these people's records
        BLOCKS = "blocks"  # re-read the blocks
        REBUILD = "rebuild"  # a rule or a vocabulary changed: build the indexes anew

    kind = models.CharField(max_length=8, choices=Kind.choices)
    user_ids = models.JSONField(default=list)
    at = models.DateTimeField()


class ShortlistEntry(models.Model):
    """A candidate a sponsor keeps aside for his request (he sees who he shortlisted, and when)."""

    request = models.ForeignKey(
        SponsorshipRequest, on_delete=models.CASCADE, related_name="shortlist"
    )
    migrant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "migrant"], name="one_entry_per_candidate")
        ]


class ProfileView(models.Model):
    """A migrant shown to someone in a search's results: he sees who (GET /me/views)."""

    migrant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="profile_views"
    )
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(SponsorshipRequest, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["migrant", "-at"], name="profile_views_latest")]

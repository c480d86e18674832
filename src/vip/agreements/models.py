"""Agreements between a sponsor and a migrant: terms, both signatures, interviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Work(models.TextChoices):
    FOR_SPONSOR = "for_sponsor"
    PLACED = "placed"


class AgreementStatus(models.TextChoices):
    OFFERED = "offered"
    SIGNED = "signed"
    LAPSED = "lapsed"  # his other signed agreements lapse once a visa is approved on one
    USED = "used"  # a visa was granted on it: leaving ends it; a new visa needs a new signature
    DECLINED = "declined"  # the migrant said no to the offer
    WITHDRAWN = "withdrawn"  # the sponsor (or his agency) took the offer back
    EXPIRED = "expired"  # not signed by both within agreement.offer_valid_days (never stored)


class Agreement(models.Model):
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agreements_as_sponsor"
    )
    migrant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agreements_as_migrant"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    start_date = models.DateField()
    duration_months = models.PositiveSmallIntegerField()
    annual_pay = models.BigIntegerField()  # minor units
    currency = models.CharField(max_length=3)
    housing = models.CharField(max_length=200)
    work = models.CharField(max_length=16, choices=Work.choices)
    sector = models.CharField(max_length=64, blank=True)
    # The gain-share baseline: his home earnings a year in `currency` (the host's), converted at
    # the rate the offer locked (rounded half to even to the minor unit); the gain share is
    # computed from it, whatever rate is quoted later.
    home_annual_earnings = models.BigIntegerField(default=0)
    # His home earnings a year as he stated them, in his own currency (rule 11), and the rate
    # locked on the day of the offer: one unit of his currency in `currency`, exact, with the day
    # its quote took effect and its source (vip.policy.rates).
    stated_home_earnings = models.BigIntegerField(default=0)
    stated_home_currency = models.CharField(max_length=3)
    rate_numerator = models.BigIntegerField(default=1)
    rate_denominator = models.BigIntegerField(default=1)
    rate_effective = models.DateField()
    rate_source = models.CharField(max_length=300)
    gain_share_numerator = models.PositiveIntegerField()
    gain_share_denominator = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.OFFERED
    )
    sponsor_signed_at = models.DateTimeField(null=True, blank=True)
    migrant_signed_at = models.DateTimeField(null=True, blank=True)
    # An offer not signed by both by then has expired (agreement.offer_valid_days); None: never.
    expires_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # declined or withdrawn

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(annual_pay__gte=0), name="pay_not_negative"),
            models.CheckConstraint(
                condition=models.Q(gain_share_denominator__gt=0)
                & models.Q(gain_share_numerator__lte=models.F("gain_share_denominator")),
                name="gain_share_is_a_fraction",
            ),
            models.CheckConstraint(
                condition=models.Q(rate_numerator__gt=0) & models.Q(rate_denominator__gt=0),
                name="rate_is_positive",
            ),
        ]


class Interview(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="interviews")
    at = models.DateTimeField()
    video_url = models.URLField()
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

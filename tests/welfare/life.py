"""Bishal's visa as days go by, for the welfare tests: arrived days ago, his check-ins asked."""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from vip.clock import today
from vip.people.models import User
from vip.visas.models import StatusChange, Visa
from vip.welfare import services as welfare
from vip.welfare.models import CheckIn
from vip.welfare.services import Answers

from tests.cast import active_visa

FINE = Answers(paid_as_agreed="yes", housing_as_agreed="yes", feels_safe="yes", charged_fee="no")
NOT_PAID = Answers(
    paid_as_agreed="no",
    housing_as_agreed="yes",
    feels_safe="yes",
    charged_fee="no",
    text="My wages for November were not paid.",
)


def arrived_days_ago(sponsor: User, migrant: User, days: int) -> Visa:
    """His visa active since `days` ago (its history moved back: as if he arrived then)."""
    visa = active_visa(sponsor, migrant)
    StatusChange.objects.filter(visa=visa).update(at=F("at") - dt.timedelta(days=days))
    Visa.objects.filter(pk=visa.pk).update(applied_at=F("applied_at") - dt.timedelta(days=days))
    visa.refresh_from_db()
    return visa


def checkin_due(sponsor: User, migrant: User, days: int = 14) -> CheckIn:
    """His first check-in, asked by the day's run `days` after he arrived."""
    visa = arrived_days_ago(sponsor, migrant, days)
    welfare.run_checkins(day=today())
    return CheckIn.objects.get(visa=visa)

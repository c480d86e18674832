"""When the daily jobs run: each day at its hour, in the platform's time zone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

RUN_AT = dt.time(2, 0)  # after midnight: the day that ended is whole


def next_run(after: dt.datetime) -> tuple[dt.date, dt.datetime]:
    """The first day whose run time is later than `after`, and that time (aware)."""
    local = timezone.localtime(after)
    day = local.date()
    at = timezone.make_aware(dt.datetime.combine(day, RUN_AT))
    if at <= local:
        day += dt.timedelta(days=1)
        at = timezone.make_aware(dt.datetime.combine(day, RUN_AT))
    return day, at

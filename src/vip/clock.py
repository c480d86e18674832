"""The one source of "now" and "today": timezone-aware, in UTC."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.now().date()

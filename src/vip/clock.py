"""The one source of "now" and "today": timezone-aware, in UTC (as Django's with USE_TZ)."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    return now().date()

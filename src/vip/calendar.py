"""Calendar arithmetic, once: adding months, the months begun, age on a day, an age range's births.

Every app that counts months (agreements' terms, support, bars) or years of age imports it from
here, so no domain has to import another (agreements do not import visas to add a month).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import overload


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier); a day past the month's end becomes its last."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def months_begun(start: dt.date, until: dt.date) -> int:
    """The months begun from `start` on or before `until` (support is owed in advance for each)."""
    months = 0
    while add_months(start, months) <= until:
        months += 1
    return months


@overload
def age_on(birth: dt.date, day: dt.date) -> int: ...
@overload
def age_on(birth: None, day: dt.date) -> None: ...
@overload
def age_on(birth: dt.date | None, day: dt.date) -> int | None: ...
def age_on(birth: dt.date | None, day: dt.date) -> int | None:
    """Whole years of age on `day`; None for a birth date not given."""
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_window(on: dt.date, age_min: int, age_max: int) -> tuple[int, int]:
    """Ordinals (after, until]: born in that window <=> age on `on` is within [min, max].

    Age >= m exactly when the birth date is on or before the day m years before `on`; so the
    window is (the day age_max + 1 years before, the day age_min years before]. The age
    criterion computes it once per query instead of an age once per row.
    """
    oldest = years_before(on, min(age_max + 1, on.year - 1))
    return oldest.toordinal(), years_before(on, max(age_min, 0)).toordinal()

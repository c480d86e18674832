"""Calendar arithmetic of the age criterion, done once per query instead of once per row."""

from __future__ import annotations

from datetime import date


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_window(on: date, age_min: int, age_max: int) -> tuple[int, int]:
    """Ordinals (after, until]: born in that window <=> age on `on` is within [min, max].

    Age >= m exactly when the birth date is on or before the day m years before `on`; so the
    window is (the day age_max + 1 years before, the day age_min years before].
    """
    oldest = years_before(on, min(age_max + 1, on.year - 1))
    return oldest.toordinal(), years_before(on, max(age_min, 0)).toordinal()

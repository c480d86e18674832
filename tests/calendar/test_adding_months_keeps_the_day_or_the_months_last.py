from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.calendar import add_months

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@seed(4402)
@settings(max_examples=1000)
@given(days, st.integers(-600, 600))
def test_adding_months_moves_the_month_and_keeps_the_day_unless_the_month_is_shorter(
    day: date, months: int
) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == min(day.day, calendar.monthrange(later.year, later.month)[1])


def test_a_month_after_31_january_is_the_last_day_of_february() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2028, 3, 31), -1) == date(2028, 2, 29)

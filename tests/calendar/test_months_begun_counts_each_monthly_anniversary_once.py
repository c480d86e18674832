from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from vip.calendar import add_months, months_begun


@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)), st.integers(0, 40))
def test_months_begun_counts_each_monthly_anniversary_once(start: dt.date, months: int) -> None:
    assert months_begun(start, add_months(start, months)) == months + 1
    assert months_begun(start, start - dt.timedelta(days=1)) == 0

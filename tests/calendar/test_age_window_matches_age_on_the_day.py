from __future__ import annotations

from datetime import date

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.calendar import age_on, birth_window

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@seed(4401)
@settings(max_examples=2000)
@given(days, days, st.integers(0, 80), st.integers(0, 80))
def test_a_birth_date_is_in_the_window_exactly_when_the_age_on_that_day_is_in_range(
    birth: date, on: date, age_min: int, span: int
) -> None:
    after, until = birth_window(on, age_min, age_min + span)
    in_window = after < birth.toordinal() <= until
    assert in_window == (age_min <= age_on(birth, on) <= age_min + span)


def test_someone_born_on_29_february_turns_18_on_1_march_in_a_common_year() -> None:
    after, until = birth_window(date(2026, 3, 1), 18, 18)
    assert after < date(2008, 2, 29).toordinal() <= until
    after, until = birth_window(date(2026, 2, 28), 18, 18)
    assert not after < date(2008, 2, 29).toordinal() <= until

"""The schedule of check-ins is a pure rule: the first a set number of days after the arrival or
transfer, then one every interval in force on the previous one's due date; none before the
start, none after the day asked, never two on a day. Which answers worry is a rule too."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from vip.welfare.models import Answer
from vip.welfare.rules import QUESTIONS, Schedule, due_dates, missed, worrying

days = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31))


def constant(first: int, interval: int) -> Schedule:
    return Schedule(first_days=lambda _: first, interval_days=lambda _: interval)


@given(
    start=days,
    span=st.integers(0, 1500),
    first=st.integers(0, 60),
    interval=st.integers(1, 365),
)
def test_the_first_falls_after_the_start_then_one_each_interval(
    start: dt.date, span: int, first: int, interval: int
) -> None:
    until = start + dt.timedelta(days=span)
    found = due_dates(start, until, constant(first, interval))

    if span < first:
        assert found == []
    else:
        assert found[0] == start + dt.timedelta(days=first)
        assert all(b - a == dt.timedelta(days=interval) for a, b in itertools.pairwise(found))
        assert found[-1] <= until < found[-1] + dt.timedelta(days=interval)
        assert len(found) == (span - first) // interval + 1


@given(start=days, span=st.integers(0, 1500), change=st.integers(0, 1500))
def test_a_new_interval_moves_only_the_checkins_after_it(
    start: dt.date, span: int, change: int
) -> None:
    """US 90 days, then 30 from a date: each gap is the interval in force where it starts."""
    changed_on = start + dt.timedelta(days=change)
    schedule = Schedule(
        first_days=lambda _: 14, interval_days=lambda day: 90 if day < changed_on else 30
    )
    until = start + dt.timedelta(days=span)
    found = due_dates(start, until, schedule)

    before = due_dates(start, min(until, changed_on - dt.timedelta(days=1)), constant(14, 90))
    assert found[: len(before)] == before
    for a, b in itertools.pairwise(found):
        assert (b - a).days == (90 if a < changed_on else 30)


@given(start=days, span=st.integers(0, 400))
def test_an_interval_of_zero_still_moves_a_day_at_a_time(start: dt.date, span: int) -> None:
    found = due_dates(start, start + dt.timedelta(days=span), constant(0, 0))

    assert found == [start + dt.timedelta(days=n) for n in range(span + 1)]


@given(answers=st.fixed_dictionaries({q: st.sampled_from(list(Answer)) for q in QUESTIONS}))
def test_a_worry_is_a_bad_answer_to_any_question(answers: dict[str, Answer]) -> None:
    bad = {
        "paid_as_agreed": answers["paid_as_agreed"] == Answer.NO,
        "housing_as_agreed": answers["housing_as_agreed"] == Answer.NO,
        "feels_safe": answers["feels_safe"] != Answer.YES,
        "charged_fee": answers["charged_fee"] == Answer.YES,
    }
    assert worrying(answers) == [q for q in QUESTIONS if bad[q]]


def test_all_well_is_no_worry_and_not_paid_is_one() -> None:
    well = {"paid_as_agreed": "yes", "housing_as_agreed": "yes", "feels_safe": "yes"}
    assert worrying({**well, "charged_fee": "no"}) == []
    assert worrying({**well, "paid_as_agreed": "no", "charged_fee": "no"}) == ["paid_as_agreed"]


@given(due=days, grace=st.integers(0, 60), after=st.integers(-30, 120))
def test_a_checkin_is_missed_only_once_the_grace_has_gone(
    due: dt.date, grace: int, after: int
) -> None:
    assert missed(due, grace, due + dt.timedelta(days=after)) == (after > grace)

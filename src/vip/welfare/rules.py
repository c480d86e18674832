"""When check-ins fall due, which answers worry, when one is missed: pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from vip.welfare.models import Answer

# Each question, and the answers that open a case. "Not sure" about his safety is a worry too:
# a person afraid to say no should still be called.
WORRYING: dict[str, frozenset[Answer]] = {
    "paid_as_agreed": frozenset({Answer.NO}),
    "housing_as_agreed": frozenset({Answer.NO}),
    "feels_safe": frozenset({Answer.NO, Answer.NOT_SURE}),
    "charged_fee": frozenset({Answer.YES}),
}
QUESTIONS = tuple(WORRYING)


@dataclass(frozen=True)
class Schedule:
    """A jurisdiction's check-in parameters as the schedule reads them; each is read on the day
    it bears on (a dated parameter changed later moves only the check-ins after it)."""

    first_days: Callable[[dt.date], int]  # days from the arrival or transfer to the first
    interval_days: Callable[[dt.date], int]  # days from one check-in to the next


def due_dates(start: dt.date, until: dt.date, schedule: Schedule) -> list[dt.date]:
    """Every check-in due from `start` (the arrival or the transfer) up to `until`: the first
    `first_days` after the start, then each `interval_days` (in force on the previous one's due
    date) after the one before. An interval under a day counts as a day: a zero would ask
    the same day forever."""
    due = start + dt.timedelta(days=max(schedule.first_days(start), 0))
    found: list[dt.date] = []
    while due <= until:
        found.append(due)
        due += dt.timedelta(days=max(schedule.interval_days(due), 1))
    return found


def worrying(answers: Mapping[str, str]) -> list[str]:
    """The questions whose answer opens a case, in the questionnaire's order."""
    return [q for q in QUESTIONS if answers.get(q) in WORRYING[q]]


def missed(due_on: dt.date, grace_days: int, day: dt.date) -> bool:
    """Unanswered on `day`, is the check-in missed? Once its due date and the grace have gone."""
    return day > due_on + dt.timedelta(days=grace_days)

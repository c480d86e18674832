"""The visa's life as one explicit table: (status, event) -> next status, and who may report."""

from __future__ import annotations

import datetime as dt

from vip.calendar import add_months
from vip.people.models import Role
from vip.visas.models import Event, Status

S, E = Status, Event
TRANSITIONS: dict[tuple[Status, Event], Status] = {
    (S.APPROVED, E.ARRIVED): S.ACTIVE,
    (S.APPROVED, E.LEFT): S.LEFT,  # he may withdraw before he travels
    (S.ACTIVE, E.EMPLOYED): S.ACTIVE,
    (S.ACTIVE, E.UNEMPLOYED): S.ACTIVE,
    (S.ACTIVE, E.HOSPITALIZED): S.ACTIVE,
    (S.ACTIVE, E.COMPLETED): S.COMPLETED,
    (S.ACTIVE, E.LEFT): S.LEFT,
    (S.ACTIVE, E.DISAPPEARED): S.ABSCONDED,
    (S.ACTIVE, E.CRIME_CONVICTED): S.REVOKED,
    (S.ABSCONDED, E.FOUND): S.REVOKED,
    (S.REVOKED, E.SENTENCE_SERVED): S.REVOKED,
    (S.REVOKED, E.DEPORTED): S.DEPORTED,
}

REPORTERS: dict[Event, set[str]] = {
    event: {Role.AUTHORITY}
    | (
        {Role.SPONSOR}
        if event in {E.ARRIVED, E.EMPLOYED, E.UNEMPLOYED, E.COMPLETED, E.DISAPPEARED}
        else set()
    )
    | ({Role.MIGRANT} if event in {E.LEFT, E.EMPLOYED, E.UNEMPLOYED, E.HOSPITALIZED} else set())
    for event in Event
}


def next_status(status: Status, event: Event) -> Status | None:
    return TRANSITIONS.get((status, event))


def may_report(role: str, event: Event) -> bool:
    return role in REPORTERS[event]


def may_complete(role: str | None, event: Event, on: dt.date, start: dt.date, months: int) -> bool:
    """The sponsor may not end a visa early by calling it completed (and so end his duty to
    support): before the agreement's end only the authority records a completion."""
    return event != Event.COMPLETED or role != Role.SPONSOR or on >= add_months(start, months)

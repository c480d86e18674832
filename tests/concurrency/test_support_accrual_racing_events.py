"""The daily support accrual runs while migrants report that they work again. Every state change
queues for the audit log's head; the test holds it so that the events are in flight (their
visas locked) before the accrual starts, then lets them all go. Whatever the order, both sides
finish: no deadlock, no crash, every month owed posted once."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
from django.db import connection, transaction

from vip.audit.models import AuditHead
from vip.audit.services import verify
from vip.clock import today
from vip.ledger.selectors import check_books
from vip.people.models import User
from vip.visas import consequences
from vip.visas import services as visas
from vip.visas.models import SupportObligation

from tests.cast import active_visa
from tests.concurrency.crowd import neighbours, workers
from tests.concurrency.race import CONNECTIONS, race, wait_until_waiting

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VISAS = min(20, CONNECTIONS - 1)


def accrue(day: dt.date) -> int:
    """The daily job as it will run on a later day (the service refuses a day not yet come)."""
    try:
        with transaction.atomic(durable=True):
            return consequences.accrue_all(day, None)
    finally:
        connection.close()


def test_support_accrual_racing_the_events_that_end_support_never_deadlocks(
    story: dict[str, User],
) -> None:
    authority = story["authority"]
    pairs = zip(neighbours(authority, VISAS, "riverside"), workers(authority, VISAS), strict=True)
    visa_list = [active_visa(sponsor, worker) for sponsor, worker in pairs]
    for visa in visa_list:
        visas.report_event(
            user=visa.sponsor, visa_id=visa.pk, kind="unemployed", occurred_on=today(), details={}
        )
    back_at_work = [
        partial(
            visas.report_event,
            user=visa.migrant,
            visa_id=visa.pk,
            kind="employed",
            occurred_on=today(),
            details={},
        )
        for visa in visa_list
    ]

    with ThreadPoolExecutor(max_workers=2) as starter:
        with transaction.atomic():
            AuditHead.objects.select_for_update().get(chain="US")  # the visas' chain
            events = starter.submit(race, back_at_work)
            wait_until_waiting(VISAS)
            accrual = starter.submit(accrue, today() + dt.timedelta(days=62))
            wait_until_waiting(VISAS + 1)
        outcomes = events.result()
        posted = accrual.result()

    assert [o.code for o in outcomes if o.refusal is not None] == []
    assert not SupportObligation.objects.filter(ended_on=None).exists()
    assert posted >= 0
    assert check_books().ok
    assert verify().ok

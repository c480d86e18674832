"""A hundred and twenty earnings reports posted at once: every posting lands, the books balance."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from vip.audit.services import verify
from vip.calendar import add_months
from vip.clock import now, today
from vip.ledger.models import Transaction
from vip.ledger.selectors import balances, check_books
from vip.money import Money
from vip.people.models import User
from vip.visas import services as visas
from vip.visas.models import Visa

from tests.cast import active_visa
from tests.concurrency.crowd import neighbours, workers
from tests.concurrency.race import ATTEMPTS, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VISAS, MONTHS = 12, 10  # each migrant reports ten months at once, on twelve visas at once
EARNINGS = Money(1_000_00, "USD")  # a gain of $800 over $200 a month at home: $400 to the host


def test_a_hundred_simultaneous_postings_keep_the_books_balanced(story: dict[str, User]) -> None:
    authority = story["authority"]
    pairs = list(
        zip(neighbours(authority, VISAS, "riverside"), workers(authority, VISAS), strict=True)
    )
    visa_list = [active_visa(sponsor, worker) for sponsor, worker in pairs]
    # Granted a year ago, so that ten past months may be reported.
    Visa.objects.filter(pk__in=[v.pk for v in visa_list]).update(
        applied_at=now() - dt.timedelta(days=366)
    )
    first_month = today().replace(day=1)
    months = [add_months(first_month, -k) for k in range(1, MONTHS + 1)]  # months ended
    attempts = [
        partial(
            visas.report_earnings,
            user=visa.migrant,
            visa_id=visa.pk,
            month=month,
            amount=EARNINGS,
        )
        for visa in visa_list
        for month in months
    ]
    assert len(attempts) == VISAS * MONTHS >= ATTEMPTS

    outcomes = race(attempts)

    assert [o.code for o in outcomes if o.refusal is not None] == []
    assert Transaction.objects.filter(kind="gain_share").count() == VISAS * MONTHS
    books = check_books()
    assert books.ok, books
    assert books.transactions == VISAS * MONTHS
    for sponsor, worker in pairs:
        assert balances(sponsor) == {"USD": MONTHS * 400_00}
        assert balances(worker) == {"USD": -MONTHS * 400_00}
    assert verify().ok

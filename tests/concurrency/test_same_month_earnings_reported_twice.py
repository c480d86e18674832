"""Bishal reports last month's earnings a hundred and twenty times at once: one report counts."""

from __future__ import annotations

from functools import partial

import pytest

from vip.calendar import add_months
from vip.clock import today
from vip.ledger.models import Transaction
from vip.ledger.selectors import check_books
from vip.money import Money
from vip.people.models import User
from vip.visas import services as visas
from vip.visas.models import EarningsReport

from tests.cast import active_visa, back_date
from tests.concurrency.race import ATTEMPTS, race, tally

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_months_earnings_reported_at_once_are_counted_once(
    story: dict[str, User],
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    visa = active_visa(anthony, bishal)
    back_date(visa.agreement, months=1)  # earnings are reported once the month has ended
    attempts = [
        partial(
            visas.report_earnings,
            user=bishal,
            visa_id=visa.pk,
            month=add_months(today(), -1),
            amount=Money(1_000_00 + i, "USD"),
        )
        for i in range(ATTEMPTS)
    ]

    outcomes = race(attempts)

    assert len([o for o in outcomes if o.value is not None]) == 1
    refusals = [o.refusal for o in outcomes if o.refusal is not None]
    assert tally([r.code for r in refusals]) == {"EARNINGS_ALREADY_REPORTED": ATTEMPTS - 1}
    assert {r.status for r in refusals} == {409}
    assert EarningsReport.objects.filter(visa=visa).count() == 1
    assert Transaction.objects.filter(kind="gain_share").count() == 1
    assert check_books().ok

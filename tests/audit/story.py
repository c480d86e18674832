"""A short life of a visa through the services: every kind of state change leaves its trace."""

from __future__ import annotations

from vip.calendar import add_months
from vip.clock import today
from vip.money import Money
from vip.people.models import User
from vip.visas import services as visas
from vip.visas.models import Visa

from tests.cast import active_visa, back_date


def live_a_visa(anthony: User, bishal: User, authority: User) -> Visa:
    visa = active_visa(anthony, bishal)
    back_date(visa.agreement, months=1)  # so that a month has ended since he arrived
    visas.report_earnings(
        user=bishal, visa_id=visa.pk, month=add_months(today(), -1), amount=Money(1_000_00, "USD")
    )
    for who, kind in [(anthony, "unemployed"), (bishal, "employed"), (anthony, "disappeared")]:
        visas.report_event(user=who, visa_id=visa.pk, kind=kind, occurred_on=today(), details={})
    for kind in ("found", "deported"):
        visas.report_event(
            user=authority, visa_id=visa.pk, kind=kind, occurred_on=today(), details={}
        )
    visa.refresh_from_db()
    return visa

"""The confirmation a person reads before he reports an event states what the report then does:
the same fines with their codes and amounts, the same support, nothing for leaving; the deportation
order with the day it takes effect, and the bar that follows a deportation."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from vip.calendar import add_months
from vip.clock import today
from vip.ledger.selectors import balances
from vip.money import Money
from vip.people.models import MigrantProfile, User
from vip.policy.parameters import jurisdiction
from vip.visas import services
from vip.visas.consequences import Foreseen, ForeseenKind, foresee
from vip.visas.models import Event, Fine, Visa
from vip.visas.selectors import earnings_share, foreseen_consequences

from tests.visas.test_consequences import report

World = dict[str, User]


def test_a_late_disappearance_foresees_both_fines_and_the_case(story: World, visa: Visa) -> None:
    on = today() - dt.timedelta(days=30)
    foreseen = foreseen_consequences(visa, Event.DISAPPEARED, on)
    assert foreseen == [
        Foreseen(
            ForeseenKind.FINE, "FINE_DISAPPEARANCE", "fine.disappearance", Money(5000_00, "USD")
        ),
        Foreseen(
            ForeseenKind.FINE,
            "FINE_DISAPPEARANCE_LATE_REPORT",
            "fine.disappearance_late_extra",
            Money(2500_00, "USD"),
        ),
        Foreseen(ForeseenKind.ENFORCEMENT_CASE),
    ]
    report(story, visa, "disappeared", on)
    levied = Fine.objects.filter(visa=visa).order_by("pk")
    assert [(f.code, f.amount) for f in levied] == [(f.code, f.amount.amount) for f in foreseen[:2]]


def test_unemployment_foresees_the_support_due_at_once(story: World, visa: Visa) -> None:
    on = add_months(today(), -2)
    [support] = foreseen_consequences(visa, Event.UNEMPLOYED, on)
    assert support.monthly == Money(800_00, "USD")
    report(story, visa, "unemployed", on)
    assert (
        support.amount == Money(balances(story["bishal"])["USD"], "USD") == Money(3 * 800_00, "USD")
    )


def test_work_again_foresees_the_end_of_support_and_what_is_still_due(
    story: World, visa: Visa
) -> None:
    report(story, visa, "unemployed", today())
    [ends] = foreseen_consequences(visa, Event.EMPLOYED, today())
    assert ends == Foreseen(
        ForeseenKind.SUPPORT_ENDS, amount=Money(0, "USD"), monthly=Money(800_00, "USD")
    )


def test_leaving_foresees_nothing_for_anyone(story: World, visa: Visa) -> None:
    assert foreseen_consequences(visa, Event.LEFT, today()) == []


def test_the_share_shown_before_sending_is_the_share_posted(story: World, visa: Visa) -> None:
    earned = Money(1200_00, "USD")
    shown = earnings_share(visa, earned)
    report_ = services.report_earnings(
        user=story["bishal"], visa_id=visa.pk, month=add_months(today(), -1), amount=earned
    )
    assert shown == Money(report_.gain_share, "USD") == Money(500_00, "USD")


def test_where_the_month_begun_is_prorated_the_refund_is_foreseen(story: World, visa: Visa) -> None:
    started = today() - dt.timedelta(days=10)
    report(story, visa, "unemployed", started)
    prorated = jurisdiction("US").on(today(), {"support.prorate_month_begun": True})
    ends, refund = foresee(visa, Event.EMPLOYED, today(), prorated)
    month_ends = add_months(started, 1)
    unused = Fraction((month_ends - today()).days, (month_ends - started).days)
    assert ends.amount == Money(0, "USD")  # the month begun is posted already
    assert refund == Foreseen(
        ForeseenKind.SUPPORT_REFUND,
        parameter="support.prorate_month_begun",
        amount=Money(800_00, "USD").times(unused),
    )


def test_a_conviction_foresees_the_fine_and_an_order_waiting_for_the_sentence(
    story: World, visa: Visa
) -> None:
    fine, order = foreseen_consequences(visa, Event.CRIME_CONVICTED, today())
    assert (fine.code, fine.amount) == ("FINE_CRIME", Money(5000_00, "USD"))
    assert order == Foreseen(ForeseenKind.DEPORTATION_ORDER, code="CRIME_CONVICTED", on=None)
    report(story, visa, "crime_convicted", today(), who="authority")
    visa.refresh_from_db()
    assert visa.deportation_order.effective_on is None
    assert Fine.objects.get(visa=visa).amount == fine.amount.amount


def test_the_sentence_served_and_the_deportation_foresee_their_days_and_the_bar(
    story: World, visa: Visa
) -> None:
    report(story, visa, "crime_convicted", today() - dt.timedelta(days=3), who="authority")
    served = today() - dt.timedelta(days=1)
    assert foreseen_consequences(visa, Event.SENTENCE_SERVED, served) == [
        Foreseen(ForeseenKind.DEPORTATION_EFFECTIVE, on=served)
    ]
    report(story, visa, "sentence_served", served, who="authority")
    [bar] = foreseen_consequences(visa, Event.DEPORTED, today())
    assert bar == Foreseen(
        ForeseenKind.BAR, parameter="deportation.bar_years", on=add_months(today(), 120)
    )
    report(story, visa, "deported", today(), who="authority")
    assert MigrantProfile.objects.get(user=story["bishal"]).barred_until == bar.on


def test_a_finding_foresees_the_case_closed_and_the_order_effective_that_day(
    story: World, visa: Visa
) -> None:
    report(story, visa, "disappeared", today() - dt.timedelta(days=2))
    assert foreseen_consequences(visa, Event.FOUND, today()) == [
        Foreseen(ForeseenKind.ENFORCEMENT_CLOSED, on=today()),
        Foreseen(ForeseenKind.DEPORTATION_ORDER, code="FOUND_AFTER_DISAPPEARANCE", on=today()),
    ]

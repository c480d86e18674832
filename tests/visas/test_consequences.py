"""What each event costs whom, as the parameters say, and where it lands in the books."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from vip.agreements import services as agreements
from vip.calendar import add_months
from vip.clock import today
from vip.errors import Conflict, Invalid
from vip.ledger.selectors import balances, check_books
from vip.money import Money
from vip.people.models import Role, User
from vip.visas import consequences, services
from vip.visas.consequences import Consequence, Effect
from vip.visas.models import Visa
from vip.visas.rules import gain_share

from tests.cast import back_date, insurance, migrant, person, seed_terms, visa_for

World = dict[str, User]
LAST_MONTH = add_months(today(), -1)  # earnings are reported once the month has ended


def report(
    world: World, visa: Visa, kind: str, on: dt.date, who: str = "anthony"
) -> list[Consequence]:
    return services.report_event(
        user=world[who], visa_id=visa.pk, kind=kind, occurred_on=on, details={}
    )[1]


def test_unemployment_makes_the_sponsor_owe_a_month_of_support_in_advance(
    story: World, visa: Visa
) -> None:
    out = report(story, visa, "unemployed", today())
    assert out == [
        Consequence(
            Effect.SUPPORT_OBLIGATION,
            visa.support_obligations.get().pk,
            parameter="support.monthly_unemployment",
            amount=Money(800_00, "USD"),
        )
    ]
    assert balances(story["anthony"]) == {"USD": -800_00}
    assert balances(story["bishal"]) == {"USD": 800_00}


def test_support_runs_for_every_month_begun_until_he_works_again(story: World, visa: Visa) -> None:
    start = add_months(today(), -3)
    report(story, visa, "unemployed", start)  # reported late: months begun so far are owed
    assert balances(story["bishal"]) == {"USD": 4 * 800_00}
    report(story, visa, "employed", today(), who="bishal")
    assert balances(story["bishal"]) == {"USD": 4 * 800_00}
    assert visa.support_obligations.get().ended_on == today()


def test_the_daily_accrual_posts_each_new_month_once(story: World, visa: Visa) -> None:
    report(story, visa, "unemployed", today())
    with transaction.atomic():  # two months on, as the daily job will see it
        assert consequences.accrue_all(add_months(today(), 2), None) == 2
        assert consequences.accrue_all(add_months(today(), 2), None) == 0
    assert balances(story["bishal"]) == {"USD": 3 * 800_00}
    assert services.accrue_support(actor=None, day=today()) == 0
    with pytest.raises(Invalid):
        services.accrue_support(actor=None, day=add_months(today(), 1))


def test_a_second_unemployment_report_is_refused_while_support_runs(
    story: World, visa: Visa
) -> None:
    report(story, visa, "unemployed", today())
    with pytest.raises(Conflict) as refused:
        report(story, visa, "unemployed", today(), who="bishal")
    assert refused.value.code == "ALREADY_UNEMPLOYED"


def test_a_crime_fines_the_sponsor_and_orders_deportation_after_the_sentence(
    story: World, visa: Visa
) -> None:
    out = report(story, visa, "crime_convicted", today(), who="authority")
    fine, order = out
    assert (fine.code, fine.amount) == ("FINE_CRIME", Money(5_000_00, "USD"))
    assert (order.kind, order.effective_on) == (Effect.DEPORTATION_ORDER, None)
    served = report(story, visa, "sentence_served", today(), who="authority")
    assert served[0].effective_on == today()


def test_a_disappearance_reported_in_time_costs_the_base_fine_and_opens_a_case(
    story: World, visa: Visa
) -> None:
    out = report(story, visa, "disappeared", today() - dt.timedelta(days=7))
    assert [c.kind for c in out] == [Effect.FINE, Effect.ENFORCEMENT_CASE]
    assert balances(story["anthony"]) == {"USD": -5_000_00}


def test_a_disappearance_reported_late_adds_the_late_fine(story: World, visa: Visa) -> None:
    out = report(story, visa, "disappeared", today() - dt.timedelta(days=8))
    assert [c.code for c in out if c.kind == Effect.FINE] == [
        "FINE_DISAPPEARANCE",
        "FINE_DISAPPEARANCE_LATE_REPORT",
    ]
    assert balances(story["anthony"]) == {"USD": -7_500_00}


def test_leaving_ends_the_visa_with_no_penalty_to_anyone(story: World, visa: Visa) -> None:
    report(story, visa, "unemployed", today())
    out = report(story, visa, "left", today(), who="bishal")
    assert [c.kind for c in out] == [Effect.SUPPORT_OBLIGATION]  # support ends, nothing more
    visa.refresh_from_db()
    assert visa.status == "left"
    assert not story["anthony"].fines.exists()


def test_a_paid_fine_no_longer_blocks_the_sponsor(story: World, visa: Visa) -> None:
    report(story, visa, "crime_convicted", today(), who="authority")
    fine = story["anthony"].fines.get()
    services.pay_fine(authority=story["authority"], fine_id=fine.pk)
    assert balances(story["anthony"]) == {"USD": 0}
    with pytest.raises(Conflict):
        services.pay_fine(authority=story["authority"], fine_id=fine.pk)
    assert check_books().ok


def test_earnings_post_half_the_gain_to_the_host(story: World, visa: Visa) -> None:
    services.report_earnings(
        user=story["bishal"], visa_id=visa.pk, month=LAST_MONTH, amount=Money(1_000_00, "USD")
    )
    assert balances(story["anthony"]) == {"USD": 400_00}
    with pytest.raises(Conflict) as refused:
        services.report_earnings(
            user=story["bishal"], visa_id=visa.pk, month=LAST_MONTH, amount=Money(1_000_00, "USD")
        )
    assert refused.value.code == "EARNINGS_ALREADY_REPORTED"


def test_earnings_below_home_earnings_owe_nothing(story: World, visa: Visa) -> None:
    report_ = services.report_earnings(
        user=story["bishal"], visa_id=visa.pk, month=LAST_MONTH, amount=Money(150_00, "USD")
    )
    assert report_.gain_share == 0
    assert balances(story["anthony"]) == {}


@given(
    earnings=st.integers(0, 10**9),
    home=st.integers(0, 10**9),
    share=st.fractions(0, 1, max_denominator=1000),
)
def test_the_gain_share_is_the_fraction_of_the_gain_over_home_never_negative(
    earnings: int, home: int, share: Fraction
) -> None:
    owed = gain_share(share, Money(earnings, "USD"), Money(home, "USD")).amount
    exact = share * max(Fraction(0), earnings - Fraction(home, 12))
    assert 0 <= owed <= earnings
    assert abs(owed - exact) <= Fraction(1, 2)


def test_an_event_dated_before_the_visa_is_refused(story: World, visa: Visa) -> None:
    with pytest.raises(Invalid) as refused:
        report(story, visa, "unemployed", today() - dt.timedelta(days=121))
    assert refused.value.code == "DATE_BEFORE_VISA"
    with pytest.raises(Invalid):
        services.report_earnings(
            user=story["bishal"],
            visa_id=visa.pk,
            month=today() - dt.timedelta(days=160),
            amount=Money(1_000_00, "USD"),
        )


def test_earnings_wait_for_the_month_to_end(story: World, visa: Visa) -> None:
    for month in (today(), add_months(today(), 1)):
        with pytest.raises(Invalid) as refused:
            services.report_earnings(
                user=story["bishal"], visa_id=visa.pk, month=month, amount=Money(1_00, "USD")
            )
        assert refused.value.code == "EARNINGS_MONTH_NOT_ENDED"


def test_he_cannot_arrive_before_the_agreement_starts(story: World) -> None:
    later = add_months(today(), 1)
    visa = visa_for(story["anthony"], story["bishal"], start=later)
    with pytest.raises(Invalid) as refused:
        report(story, visa, "arrived", today())
    assert refused.value.code == "ARRIVAL_BEFORE_START"


def test_in_the_us_he_keeps_the_month_begun_when_he_works_again(story: World, visa: Visa) -> None:
    report(story, visa, "unemployed", today() - dt.timedelta(days=10))
    out = report(story, visa, "employed", today(), who="bishal")
    assert out[0].refunded is None  # support.prorate_month_begun is false in the US
    assert balances(story["bishal"]) == {"USD": 800_00}


def test_in_canada_the_sponsor_gets_back_the_days_not_used(story: World) -> None:
    """Maple Township (CA, support.prorate_month_begun true): unemployed ten days ago, he works
    again today, so the days from today to the month's end go back to the sponsor."""
    authority = story["authority"]
    dana = person(authority, "Dana", Role.SPONSOR, country="CA", community="maple")
    tenzin = migrant(authority, "Tenzin", home_annual_earnings=3_000_00, home_currency="CAD")
    terms = seed_terms(annual_pay=Money(15_000_00, "CAD"))
    offered = agreements.offer(user=dana, sponsor=dana, migrant_id=tenzin.pk, terms=terms)
    for party in (dana, tenzin):
        agreements.sign(user=party, agreement_id=offered.pk)
    cover = replace(insurance(offered), coverage=Money(120_000_00, "CAD"))
    visa = services.apply(user=dana, agreement_id=offered.pk, insurance=cover)
    if visa.status == "review":  # Canada reviews every application from 2027
        services.decide_review(authority=authority, visa_id=visa.pk, outcome="approved", note="")
    story["dana"], story["tenzin"] = dana, tenzin
    report(story, visa, "arrived", back_date(offered, months=1).start_date, who="dana")
    began = today() - dt.timedelta(days=10)
    report(story, visa, "unemployed", began, who="dana")
    out = report(story, visa, "employed", today(), who="tenzin")
    month = (add_months(began, 1) - began).days
    refund = Money(1_000_00, "CAD").times(Fraction(month - 10, month))
    assert out[0].refunded == refund
    assert balances(tenzin) == {"CAD": 1_000_00 - refund.amount}
    assert check_books().ok

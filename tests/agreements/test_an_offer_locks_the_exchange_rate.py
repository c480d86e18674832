"""Rule 11: a migrant states his home earnings in his own currency; an offer from any
jurisdiction converts them at the rate of its day and locks it; the gain share is computed in the
host's currency from that locked baseline, whatever is quoted later."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vip.agreements import selectors, services
from vip.agreements.models import Agreement
from vip.calendar import add_months
from vip.clock import today
from vip.errors import Invalid
from vip.money import Money
from vip.people.models import User
from vip.policy import rates
from vip.policy.rates import Rate, rate
from vip.visas import services as visas
from vip.visas.models import EarningsReport
from vip.visas.rules import gain_share, monthly_terms

from tests.cast import Api, active_visa, back_date, migrant, seed_terms, sponsor

NPR_EARNINGS = Money(600_000_00, "NPR")


@pytest.fixture
def claire(story: dict[str, User]) -> User:
    """A Canadian sponsor in Maple Township."""
    return sponsor(story["authority"], "Claire", community="maple", country="CA")


@pytest.fixture
def dawa(story: dict[str, User]) -> User:
    return migrant(
        story["authority"],
        "Dawa",
        home_annual_earnings=NPR_EARNINGS.amount,
        home_currency="NPR",
        jurisdictions=["US", "CA"],
    )


def offer_from(host: User, migrant_: User, pay: Money) -> Agreement:
    return services.offer(
        user=host, sponsor=host, migrant_id=migrant_.pk, terms=seed_terms(annual_pay=pay)
    )


def test_an_offer_from_a_cad_sponsor_to_npr_earnings_is_accepted_and_locks_the_rate(
    claire: User, dawa: User
) -> None:
    made = offer_from(claire, dawa, Money(30_000_00, "CAD"))
    locked = rate("NPR", "CAD", today())
    agreement = Agreement.objects.get(pk=made.pk)
    assert (agreement.stated_home_earnings, agreement.stated_home_currency) == (600_000_00, "NPR")
    assert Fraction(agreement.rate_numerator, agreement.rate_denominator) == locked.value
    assert (agreement.rate_effective, agreement.rate_source) == (locked.effective, locked.source)
    assert agreement.home_annual_earnings == locked.convert(NPR_EARNINGS).amount
    assert agreement.currency == "CAD"
    assert selectors.locked_rate(agreement) == locked


def test_the_same_migrant_is_offered_in_dollars_too(
    story: dict[str, User], claire: User, dawa: User
) -> None:
    offer_from(claire, dawa, Money(30_000_00, "CAD"))
    made = offer_from(story["anthony"], dawa, Money(20_000_00, "USD"))
    assert made.home_annual_earnings == rate("NPR", "USD", today()).convert(NPR_EARNINGS).amount


def test_earnings_in_the_hosts_currency_lock_a_rate_of_one(story: dict[str, User]) -> None:
    dawa = migrant(story["authority"], "Dawa", home_annual_earnings=3_000_00)
    made = offer_from(story["anthony"], dawa, Money(12_000_00, "USD"))
    assert (made.home_annual_earnings, made.stated_home_earnings) == (3_000_00, 3_000_00)
    assert (made.rate_numerator, made.rate_denominator) == (1, 1)


def test_an_unknown_pair_is_refused_with_its_code(
    claire: User, dawa: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rates, "exchange_rates", lambda: rates.parse({"pairs": {}}))
    with pytest.raises(Invalid) as refused:
        offer_from(claire, dawa, Money(30_000_00, "CAD"))
    assert refused.value.code == "EXCHANGE_RATE_UNKNOWN"


def test_the_gain_share_uses_the_locked_baseline_whatever_is_quoted_later(
    story: dict[str, User], dawa: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    visa = active_visa(story["anthony"], dawa, pay=24_000_00)
    agreement = back_date(visa.agreement, months=1)  # so that a month has ended since
    baseline = Money(agreement.home_annual_earnings, "USD")
    later = rates.parse(
        {"pairs": {"USD/NPR": {"source": "later", "values": {dt.date(2025, 1, 1): "1.00"}}}}
    )
    monkeypatch.setattr(rates, "exchange_rates", lambda: later)
    visas.report_earnings(
        user=dawa, visa_id=visa.pk, month=add_months(today(), -1), amount=Money(2_000_00, "USD")
    )
    report = EarningsReport.objects.get(visa=visa)
    assert report.gain_share == gain_share(Fraction(1, 2), Money(2_000_00, "USD"), baseline).amount
    assert 0 < report.gain_share < 1_000_00  # the NPR baseline counted, converted to USD


def test_the_api_states_both_amounts_and_the_rate(claire: User, dawa: User, api: Api) -> None:
    made = offer_from(claire, dawa, Money(30_000_00, "CAD"))
    status, shown = api.get(f"/agreements/{made.pk}", as_=dawa)
    locked = rate("NPR", "CAD", today())
    assert status == 200
    assert shown["home_earnings_stated"] == {"amount": 600_000_00, "currency": "NPR"}
    assert shown["home_annual_earnings"] == locked.convert(NPR_EARNINGS).as_dict()
    assert shown["exchange_rate"] == {
        "from_currency": "NPR",
        "to_currency": "CAD",
        "rate": str(locked.value),
        "shown": locked.shown(),
        "effective": locked.effective.isoformat(),
        "source": locked.source,
    }
    assert shown["monthly"]["baseline"]["currency"] == "CAD"


def test_the_preview_converts_at_todays_rate(claire: User, dawa: User) -> None:
    shown = selectors.preview(claire, dawa.pk, Money(30_000_00, "CAD"), Fraction(1, 2))
    assert shown.home_annual == NPR_EARNINGS
    assert shown.rate == rate("NPR", "CAD", today())
    assert shown.baseline_annual == shown.rate.convert(NPR_EARNINGS)
    assert shown.month is not None and shown.month.baseline.currency == "CAD"


@given(
    st.integers(0, 10**12),
    st.fractions(min_value=Fraction(1, 10**4), max_value=10**3, max_denominator=10**6),
    st.integers(0, 10**9),
    st.fractions(min_value=0, max_value=1, max_denominator=10_000),
)
def test_the_month_is_computed_in_the_hosts_currency_from_the_rounded_baseline(
    home: int, value: Fraction, pay: int, share: Fraction
) -> None:
    baseline = Rate("NPR", "USD", value, today(), "s").convert(Money(home, "NPR"))
    # The baseline is rounded once, half to even to the cent: what the agreement stores.
    error = abs(baseline.amount - Fraction(home) * value)
    assert baseline.currency == "USD"
    assert error < Fraction(1, 2) or (error == Fraction(1, 2) and baseline.amount % 2 == 0)
    # The month is then computed in dollars from it: never from the rupees.
    month = monthly_terms(Money(pay, "USD"), baseline, share)
    monthly_pay = round(Fraction(pay, 12))
    gain = max(Fraction(0), monthly_pay - Fraction(baseline.amount, 12))
    assert month.gain_share == Money(round(share * gain), "USD")
    assert month.keeps == Money(monthly_pay - round(share * gain), "USD")

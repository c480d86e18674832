"""Exchange rates: dated quotes with their source, exact both ways, an unknown pair refused."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from vip.errors import Invalid
from vip.money import MINOR_UNITS, Money
from vip.policy.rates import RATE_FILE, Rate, exchange_rates, parse, rate

DAY = dt.date(2026, 12, 3)


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(RATE_FILE.read_text())
    return loaded


def test_a_quote_reads_as_written_and_the_other_way_as_its_exact_inverse() -> None:
    usd_npr = rate("USD", "NPR", DAY)
    assert usd_npr.value == Fraction("133.30")
    assert rate("NPR", "USD", DAY).value == Fraction(10, 1333)
    assert (usd_npr.effective, usd_npr.source) == (dt.date(2026, 12, 1), usd_npr.source)
    assert "Nepal Rastra Bank" in usd_npr.source


def test_a_quote_takes_effect_on_its_date_and_not_before() -> None:
    assert rate("USD", "NPR", dt.date(2026, 11, 30)).value == Fraction("132.90")
    assert rate("USD", "NPR", dt.date(2026, 12, 1)).value == Fraction("133.30")


def test_the_same_currency_is_one() -> None:
    assert rate("CAD", "CAD", DAY).value == 1


def test_every_currency_the_platform_knows_converts_to_every_other() -> None:
    for base, target in itertools.permutations(MINOR_UNITS, 2):
        assert rate(base, target, DAY).value > 0


def test_an_unknown_pair_is_refused_with_its_code() -> None:
    rates = parse({"pairs": {"USD/CAD": {"source": "s", "values": {dt.date(2025, 1, 1): "1.3"}}}})
    for base, target, day in [("USD", "NPR", DAY), ("USD", "CAD", dt.date(2024, 12, 31))]:
        with pytest.raises(Invalid) as refused:
            rates.rate(base, target, day)
        assert refused.value.code == "EXCHANGE_RATE_UNKNOWN"
        assert refused.value.details == {"from": base, "to": target, "day": day.isoformat()}


@pytest.mark.parametrize(
    "pairs",
    [
        {"USD/XYZ": {"source": "s", "values": {DAY: "1"}}},  # a currency the platform lacks
        {"USD/USD": {"source": "s", "values": {DAY: "1"}}},
        {"USD/CAD": {"values": {DAY: "1.3"}}},  # no source
        {"USD/CAD": {"source": "s", "values": {DAY: 1.3}}},  # a float
        {"USD/CAD": {"source": "s", "values": {DAY: "0"}}},
        {"USD/CAD": {"source": "s", "values": {DAY: "1e3"}}},
        {"USD/CAD": {"source": "s", "values": {"2025": "1.3"}}},  # not a date
        {
            "USD/CAD": {"source": "s", "values": {DAY: "1.3"}},
            "CAD/USD": {"source": "s", "values": {DAY: "0.7"}},  # the pair twice
        },
    ],
)
def test_a_bad_rates_file_is_refused_whole(pairs: dict[str, Any]) -> None:
    with pytest.raises(Invalid) as refused:
        parse({"pairs": pairs})
    assert refused.value.code == "EXCHANGE_RATE_INVALID"


def test_the_shipped_file_parses_and_names_a_source_for_every_pair() -> None:
    assert parse(document()) == exchange_rates()
    assert all(quotes.source for quotes in exchange_rates().pairs.values())


def test_a_rate_is_shown_the_way_one_unit_buys_at_least_one() -> None:
    assert rate("NPR", "USD", DAY).shown() == "1 USD = 133.3 NPR"
    assert rate("USD", "JPY", DAY).shown() == "1 USD = 150 JPY"
    assert Rate("NPR", "USD", Fraction(3, 400), DAY, "s").shown() == "1 USD = 133.3333 NPR"


def test_converting_600000_npr_at_133_30_gives_4501_13_usd() -> None:
    assert rate("NPR", "USD", DAY).convert(Money(600_000_00, "NPR")) == Money(4_501_13, "USD")
    assert rate("USD", "JPY", DAY).convert(Money(1_00, "USD")) == Money(150, "JPY")


@given(
    st.integers(0, 10**13),
    st.fractions(min_value=Fraction(1, 10**6), max_value=10**6),
    st.sampled_from(sorted(MINOR_UNITS)),
    st.sampled_from(sorted(MINOR_UNITS)),
)
def test_a_conversion_rounds_half_to_even_to_the_targets_minor_unit(
    amount: int, value: Fraction, base: str, target: str
) -> None:
    converted = Rate(base, target, value, DAY, "s").convert(Money(amount, base))
    exact = Fraction(amount) * value * Fraction(10) ** (MINOR_UNITS[target] - MINOR_UNITS[base])
    assert converted.currency == target
    assert abs(converted.amount - exact) <= Fraction(1, 2)
    if abs(converted.amount - exact) == Fraction(1, 2):
        assert converted.amount % 2 == 0
    # The same rule as Decimal's half-even quantize, for the exact quotient.
    as_decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
    if exact.denominator < 10**6 and amount < 10**12:
        assert converted.amount == int(as_decimal.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

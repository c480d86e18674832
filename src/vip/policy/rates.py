"""Exchange rates: dated quotes with their source (rates.yaml), like the parameters; exact
fractions, never floats. `rate(base, target, day)` is the quote in force on that day (the latest
on or before it); a pair is written once and read both ways, the other way as its exact inverse.
Converting rounds half to even to the target's minor unit, as Money.times does."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from vip.errors import Invalid
from vip.money import MINOR_UNITS, Money

RATE_FILE = Path(__file__).with_name("rates.yaml")
PAIR = re.compile(r"^([A-Z]{3})/([A-Z]{3})$")
QUOTE = re.compile(r"^\d{1,9}(\.\d{1,9})?$")  # a plain positive decimal, written as a string
SAME_CURRENCY = "the same currency"
SHOWN_DECIMALS = 4  # a rate that does not end sooner is shown to four decimals


def exchange_rate_unknown(base: str, target: str, day: dt.date) -> Invalid:
    return Invalid(
        "EXCHANGE_RATE_UNKNOWN",
        f"the platform has no {base} to {target} exchange rate on {day}",
        {"from": base, "to": target, "day": day.isoformat()},
    )


@dataclass(frozen=True)
class Rate:
    """What one unit of `base` buys in `target`, in major units, from `effective` on."""

    base: str
    target: str
    value: Fraction
    effective: dt.date
    source: str

    def convert(self, money: Money) -> Money:
        """The amount in the target currency, rounded half to even to its minor unit."""
        if money.currency != self.base:
            raise ValueError(f"a rate from {self.base} converts {self.base}, not {money.currency}")
        scale = Fraction(10) ** (MINOR_UNITS[self.target] - MINOR_UNITS[self.base])
        return Money(round(money.amount * self.value * scale), self.target)

    def inverse(self) -> Rate:
        return Rate(self.target, self.base, 1 / self.value, self.effective, self.source)

    def quoted(self) -> tuple[str, Decimal, str]:
        """(unit, value, other): one `unit` buys `value` of `other`, written the way one unit
        buys at least one of the other, to SHOWN_DECIMALS places at most."""
        if self.value >= 1:
            return self.base, shown_decimal(self.value), self.target
        return self.target, shown_decimal(1 / self.value), self.base

    def shown(self) -> str:
        """ "1 USD = 133.3 NPR" (the pages write the number in the reader's language)."""
        unit, value, other = self.quoted()
        return f"1 {unit} = {value:f} {other}"


def shown_decimal(value: Fraction) -> Decimal:
    """The exact decimal when it ends within SHOWN_DECIMALS places, else rounded to them."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = exact.quantize(Decimal(1).scaleb(-SHOWN_DECIMALS), rounding=ROUND_HALF_EVEN)
    return rounded.normalize()


def decimal_text(value: Fraction) -> str:
    return f"{shown_decimal(value):f}"


@dataclass(frozen=True)
class Quotes:
    """One pair's dated quotes, sorted by the date each takes effect."""

    base: str
    target: str
    source: str
    values: tuple[tuple[dt.date, Fraction], ...]

    def at(self, day: dt.date) -> Rate | None:
        current = None
        for start, value in self.values:
            if start > day:
                break
            current = Rate(self.base, self.target, value, start, self.source)
        return current


@dataclass(frozen=True)
class ExchangeRates:
    pairs: dict[tuple[str, str], Quotes]

    def rate(self, base: str, target: str, day: dt.date) -> Rate:
        """The rate in force on `day`; the same currency is 1. Refused: EXCHANGE_RATE_UNKNOWN."""
        if base == target:
            return Rate(base, target, Fraction(1), day, SAME_CURRENCY)
        quotes = self.pairs.get((base, target))
        if quotes is not None and (found := quotes.at(day)) is not None:
            return found
        reverse = self.pairs.get((target, base))
        if reverse is not None and (found := reverse.at(day)) is not None:
            return found.inverse()
        raise exchange_rate_unknown(base, target, day)


def _quote(pair: str, value: Any) -> Fraction:
    if not isinstance(value, str) or not QUOTE.fullmatch(value) or Decimal(value) == 0:
        raise Invalid(
            "EXCHANGE_RATE_INVALID", f"{pair}: a quote is a positive decimal string, not {value!r}"
        )
    return Fraction(value)


def parse(document: dict[str, Any]) -> ExchangeRates:
    """The rates file checked whole: known currencies, a pair written once, a source, dated
    positive quotes."""
    pairs: dict[tuple[str, str], Quotes] = {}
    for pair, entry in (document.get("pairs") or {}).items():
        match = PAIR.fullmatch(str(pair))
        if not match or match[1] == match[2] or not {match[1], match[2]} <= MINOR_UNITS.keys():
            raise Invalid("EXCHANGE_RATE_INVALID", f"{pair!r} is not a pair of known currencies")
        base, target = match[1], match[2]
        if (base, target) in pairs or (target, base) in pairs:
            raise Invalid("EXCHANGE_RATE_INVALID", f"{pair}: a pair is written once")
        if not isinstance(entry, dict) or not entry.get("source"):
            raise Invalid("EXCHANGE_RATE_INVALID", f"{pair}: a source is required")
        dated = entry.get("values")
        if (
            not isinstance(dated, dict)
            or not dated
            or not all(isinstance(start, dt.date) for start in dated)
        ):
            raise Invalid("EXCHANGE_RATE_INVALID", f"{pair}: values map start dates to quotes")
        values = tuple(sorted((start, _quote(pair, v)) for start, v in dated.items()))
        pairs[base, target] = Quotes(base, target, str(entry["source"]), values)
    return ExchangeRates(pairs)


@cache
def exchange_rates() -> ExchangeRates:
    return parse(yaml.safe_load(RATE_FILE.read_text()))


def rate(base: str, target: str, day: dt.date) -> Rate:
    """The platform's rate from `base` to `target` in force on `day` (rates.yaml)."""
    return exchange_rates().rate(base, target, day)


def convert(money: Money, target: str, day: dt.date) -> Money:
    return rate(money.currency, target, day).convert(money)


def convertible(base: str, target: str, day: dt.date) -> bool:
    """Whether the platform has a rate from one currency into the other on that day."""
    try:
        rate(base, target, day)
    except Invalid:  # EXCHANGE_RATE_UNKNOWN
        return False
    return True

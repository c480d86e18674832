"""Money is an integer number of minor units with an ISO 4217 currency, never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

MINOR_UNITS = {"USD": 2, "CAD": 2, "EUR": 2, "NPR": 2, "JPY": 0}


@dataclass(frozen=True)
class Money:
    amount: int
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, int) or isinstance(self.amount, bool):
            raise TypeError("money amounts are integers in minor units")
        if self.currency not in MINOR_UNITS:
            raise ValueError(f"unknown currency {self.currency!r}")

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def times(self, factor: Fraction | int) -> Money:
        """Multiply, rounding half to even to the minor unit (banker's rounding, no drift)."""
        exact = Fraction(self.amount) * Fraction(factor)
        rounded = Decimal(exact.numerator) / Decimal(exact.denominator)
        return Money(int(rounded.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)), self.currency)

    def as_dict(self) -> dict[str, int | str]:
        return {"amount": self.amount, "currency": self.currency}

    def __str__(self) -> str:
        digits = MINOR_UNITS[self.currency]
        major = Decimal(self.amount).scaleb(-digits)
        return f"{major:,.{digits}f} {self.currency}"

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

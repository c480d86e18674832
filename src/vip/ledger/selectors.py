"""Reading the books: balances, a person's entries, and the proof that they balance."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum

from vip.ledger.models import Leg, Transaction
from vip.people.models import User


def balances(person: User) -> dict[str, int]:
    rows = (
        Leg.objects.filter(account__holder=person)
        .values("currency")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    )
    return {row["currency"]: int(row["total"]) for row in rows}


def entries(person: User, limit: int = 200) -> list[Leg]:
    return list(
        Leg.objects.filter(account__holder=person)
        .select_related("transaction", "account")
        .order_by("-transaction__at", "-id")[:limit]
    )


@dataclass(frozen=True)
class BooksReport:
    transactions: int
    unbalanced: list[int]
    total_by_currency: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.unbalanced and not any(self.total_by_currency.values())


def check_books() -> BooksReport:
    """Every transaction sums to zero per currency, so every currency's total is zero too."""
    unbalanced = (
        Leg.objects.values("transaction_id", "currency")
        .annotate(total=Sum("amount"))
        .exclude(total=0)
        .values_list("transaction_id", flat=True)
    )
    lonely = (
        Transaction.objects.annotate(n=Count("legs")).filter(n__lt=2).values_list("id", flat=True)
    )
    totals = Leg.objects.values("currency").annotate(total=Sum("amount")).order_by("currency")
    return BooksReport(
        transactions=Transaction.objects.count(),
        unbalanced=sorted(set(unbalanced) | set(lonely)),
        total_by_currency={row["currency"]: int(row["total"]) for row in totals},
    )

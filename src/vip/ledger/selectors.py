"""Reading the books: balances, a person's entries, the proof that they balance, and who is
owed a share of the social dividend."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, Max, Q, QuerySet, Sum, When

from vip.calendar import add_months, years_before
from vip.ledger.models import DividendPayout, Leg, Transaction
from vip.people.models import Role, User, Verification, VerificationKind, VerificationResult
from vip.policy.parameters import parameters


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


def may_pay_dividend(user: User | None) -> bool:
    """The authority pays the social dividend (settling an auction); so does the daily job."""
    return user is None or user.role == Role.AUTHORITY


def _latest_clear(kind: VerificationKind, before: dt.datetime) -> QuerySet[Any, Any]:
    """The people whose latest verification of this kind before `before` is clear: one grouped
    pass over the verifications (a hash aggregate for millions, not a lookup per person). At
    the very same instant a result that is not clear wins."""
    return (
        Verification.objects.filter(kind=kind, verified_at__lt=before)
        .values("person_id")
        .annotate(
            clear=Max(Case(When(result=VerificationResult.CLEAR, then="verified_at"))),
            other=Max(Case(When(~Q(result=VerificationResult.CLEAR), then="verified_at"))),
        )
        .filter(Q(other=None) | Q(clear__gt=F("other")), clear__isnull=False)
        .values("person_id")
    )


def eligible_citizens(jurisdiction: str, day: dt.date) -> QuerySet[User]:
    """Who is owed a share of the jurisdiction's social dividend on `day`: every active
    citizen of it (his citizenship and identity verified, the latest verification of each kind
    deciding), `dividend.min_age` years old, resident there (his country of residence) for
    `dividend.min_residence_months`. The platform records no date a residence began: the day
    his account was opened stands for it (so nobody counts as resident before the platform knew
    of him). One set-based query, for millions: the payout inserts its legs from it."""
    params = parameters(jurisdiction, day)
    code = params.jurisdiction.code
    end_of_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    resident_by = add_months(day, -int(params["dividend.min_residence_months"]))
    return (
        User.objects.filter(
            is_active=True,
            pseudonymised_on=None,
            citizenship=code,
            country=code,
            birth_date__lte=years_before(day, int(params["dividend.min_age"])),
            date_joined__lt=dt.datetime.combine(
                resident_by + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC
            ),
        )
        .filter(pk__in=_latest_clear(VerificationKind.IDENTITY, end_of_day))
        .filter(pk__in=_latest_clear(VerificationKind.CITIZENSHIP, end_of_day))
    )


def payout(key: str) -> DividendPayout | None:
    """A payout of the social dividend by its key (e.g. `auction:CODE`): public figures."""
    return DividendPayout.objects.filter(key=key).first()

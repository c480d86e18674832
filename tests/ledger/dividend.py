"""Citizens for the social dividend: resident long enough (their accounts back-dated), or not."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from vip.clock import now
from vip.ledger import services as ledger
from vip.ledger.models import Account
from vip.money import Money
from vip.people.models import User

from tests.cast import sponsor


def resident(*people: User, days: int = 400) -> None:
    """As if their accounts (which stand for their residence) had been opened `days` ago."""
    User.objects.filter(pk__in=[p.pk for p in people]).update(
        date_joined=now() - dt.timedelta(days=days)
    )


def citizen(authority: User, name: str, **kwargs: object) -> User:
    """A verified adult US citizen resident for more than a year: eligible."""
    person = sponsor(authority, name, **kwargs)  # type: ignore[arg-type]
    resident(person)
    return person


def revenue_in(code: str, amount: int) -> Account:
    """An account holding `amount` USD paid in from outside, as an auction's revenue is."""
    account = ledger.program_account(code, "USD")
    with transaction.atomic():
        ledger.transfer(
            kind="auction_payment",  # type: ignore[arg-type]
            memo="paid in",
            debtor=ledger.program_account(ledger.EXTERNAL, "USD"),
            creditor=account,
            money=Money(amount, "USD"),
        )
    return account

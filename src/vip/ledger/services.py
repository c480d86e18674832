"""Posting to the books: one balanced transaction per call, inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.clock import now
from vip.ledger.models import Account, Leg, Transaction, TransactionKind
from vip.money import Money
from vip.people.models import User

FINES = "program:fines"
EXTERNAL = "program:external"  # money crossing the books' boundary (payments made outside)


def person_account(person: User, currency: str) -> Account:
    account, _ = Account.objects.get_or_create(
        code=f"person:{person.pk}", currency=currency, defaults={"holder": person}
    )
    return account


def program_account(code: str, currency: str) -> Account:
    account, _ = Account.objects.get_or_create(code=code, currency=currency)
    return account


def check_balanced(legs: list[tuple[Account, Money]]) -> None:
    """The zero-sum rule, in code (the database checks it again on PostgreSQL)."""
    totals: dict[str, int] = defaultdict(int)
    for account, money in legs:
        if account.currency != money.currency:
            raise ValueError(f"{account} cannot hold {money.currency}")
        totals[money.currency] += money.amount
    unbalanced = {currency: total for currency, total in totals.items() if total}
    if unbalanced or len(legs) < 2:
        raise ValueError(f"unbalanced transaction: {unbalanced or 'fewer than two legs'}")


def post(
    kind: TransactionKind,
    memo: str,
    legs: list[tuple[Account, Money]],
    visa_id: int | None = None,
    actor: User | None = None,
) -> Transaction:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.post must run inside the state change's transaction")
    legs = [(account, money) for account, money in legs if money.amount]
    check_balanced(legs)
    entry = Transaction.objects.create(kind=kind, memo=memo, at=now(), visa_id=visa_id)
    Leg.objects.bulk_create(
        Leg(transaction=entry, account=account, amount=money.amount, currency=money.currency)
        for account, money in legs
    )
    audit.record(
        actor=actor,
        action=Action.LEDGER_POSTED,
        object_type=Subject.TRANSACTION,
        object_id=entry.pk,
        data={"kind": kind, "legs": [[a.code, m.amount, m.currency] for a, m in legs]},
    )
    return entry


def transfer(
    *,
    kind: TransactionKind,
    memo: str,
    debtor: Account,
    creditor: Account,
    money: Money,
    visa_id: int | None = None,
    actor: User | None = None,
) -> Transaction:
    """The debtor owes the creditor `money`: the debtor's balance falls, the creditor's rises."""
    return post(kind, memo, [(debtor, -money), (creditor, money)], visa_id, actor)

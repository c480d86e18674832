"""Posting to the books: one balanced transaction per call, inside the caller's transaction;
and the social dividend, posted to every eligible citizen at once (set-based SQL)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.clock import now, today
from vip.communities.models import Jurisdiction
from vip.errors import Conflict, Invalid, NotFound, role_required
from vip.ledger.models import Account, DividendPayout, Leg, Transaction, TransactionKind
from vip.ledger.selectors import eligible_citizens, may_pay_dividend
from vip.money import Money
from vip.people.models import Role, User
from vip.policy.parameters import parameters

FINES = "program:fines"
EXTERNAL = "program:external"  # money crossing the books' boundary (payments made outside)
# The citizens of one payout, listed once so that the count, the accounts and the legs agree
# (a verification committed in the middle of the payout cannot change one and not the others).
CITIZENS = "vip_dividend_citizens"


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
    # A posting for a visa is in its jurisdiction's chain, whoever posts it (a daily job).
    if visa_id:
        chain = audit.chain_for(actor, Subject.VISA, visa_id)
    else:
        chain = audit.chain_for(actor, Subject.TRANSACTION, None)
    entry = Transaction.objects.create(
        kind=kind, memo=memo, at=now(), visa_id=visa_id, jurisdiction=chain
    )
    _add_legs(entry, legs)
    audit.record(
        actor=actor,
        action=Action.LEDGER_POSTED,
        object_type=Subject.TRANSACTION,
        object_id=entry.pk,
        data={"kind": kind, "legs": [[a.code, m.amount, m.currency] for a, m in legs]},
        chain=chain,
    )
    return entry


def _add_legs(entry: Transaction, legs: list[tuple[Account, Money]]) -> None:
    Leg.objects.bulk_create(
        Leg(
            transaction=entry,
            account=account,
            amount=money.amount,
            currency=money.currency,
            jurisdiction=entry.jurisdiction,
            at=entry.at,
        )
        for account, money in legs
    )


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


def dividend_account(jurisdiction: str, currency: str) -> Account:
    """The program's account of a jurisdiction's dividend: the remainders wait here."""
    return program_account(f"dividend:{jurisdiction}", currency)


def dividend_costs_account(jurisdiction: str, currency: str) -> Account:
    return program_account(f"dividend:{jurisdiction}:costs", currency)


def _list_citizens(jurisdiction: str, day: dt.date) -> int:
    """Write the eligible citizens' ids into a scratch table of this transaction; how many."""
    query = eligible_citizens(jurisdiction, day).values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {CITIZENS}")
        cursor.execute(f"CREATE TEMPORARY TABLE {CITIZENS} (holder_id bigint NOT NULL)")
        cursor.execute(f"INSERT INTO {CITIZENS} (holder_id) {sql}", params)
        count = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {CITIZENS}")  # temporary tables get no autovacuum
    return int(count)


ACCOUNT_CODE = "'person:' || CAST(c.holder_id AS TEXT)"  # person_account's code, in SQL


def _open_accounts(currency: str) -> None:
    """The listed citizens' accounts in this currency, opened where missing: one INSERT ...
    SELECT of only those missing (an anti-join: at a later payout a conflict per citizen would
    cost an index probe each); ON CONFLICT for one opened meanwhile by person_account. The
    WHERE also lets SQLite read ON CONFLICT as the upsert's, not the join's."""
    accounts, code = Account._meta.db_table, ACCOUNT_CODE
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {accounts} (code, holder_id, currency) "
            f"SELECT {code}, c.holder_id, %s FROM {CITIZENS} c WHERE NOT EXISTS ("
            f"SELECT 1 FROM {accounts} a WHERE a.holder_id = c.holder_id AND a.currency = %s "
            f"AND a.code = {code}) ON CONFLICT (code, currency) DO NOTHING",
            [currency, currency],
        )


def _credit_each(entry: Transaction, share: Money, count: int) -> None:
    """One leg of `share` per listed citizen, to his account: one INSERT ... SELECT, not one
    object per person. The database's zero-sum check runs once for the transaction, at commit
    (a deferred trigger on PostgreSQL, audit/guards.py)."""
    accounts, legs, code = Account._meta.db_table, Leg._meta.db_table, ACCOUNT_CODE
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {legs} (transaction_id, account_id, amount, currency, jurisdiction, at) "
            f"SELECT %s, a.id, %s, %s, %s, %s FROM {CITIZENS} c "
            f"JOIN {accounts} a ON a.holder_id = c.holder_id AND a.currency = %s "
            f"WHERE a.code = {code}",
            [entry.pk, share.amount, share.currency, entry.jurisdiction, entry.at, share.currency],
        )
        posted = cursor.rowcount
    if posted != count:
        raise RuntimeError(f"{posted} dividend legs for {count} citizens")


@transaction.atomic
def pay_social_dividend(
    *,
    actor: User | None,
    jurisdiction: str,
    source: Account,
    revenue: Money,
    key: str,
    day: dt.date | None = None,
) -> DividendPayout:
    """Pay `revenue`, taken from `source`, less `dividend.cost_share` of it, in equal shares of
    whole minor units to every citizen eligible on `day` (ledger.selectors.eligible_citizens),
    with what earlier payouts left over; the remainder stays in the program's account for the
    next payout. Once per key: the same revenue is never paid twice. One balanced transaction,
    inside the caller's (settling an auction) or its own; one audit event with the totals."""
    if not may_pay_dividend(actor):
        raise role_required(Role.AUTHORITY)
    found = Jurisdiction.objects.filter(code=jurisdiction).first()
    if found is None:
        raise NotFound("JURISDICTION_UNKNOWN", f"no jurisdiction {jurisdiction!r}")
    currency = found.currency
    if revenue.amount < 0 or {revenue.currency, source.currency} != {currency}:
        raise Invalid(
            "DIVIDEND_INVALID",
            f"the revenue is an amount in {currency}, not negative, from an account in {currency}",
        )
    day = day or today()
    share_of_costs = parameters(jurisdiction, day).fraction("dividend.cost_share")
    program = dividend_account(jurisdiction, currency)
    # Payouts of a jurisdiction take turns on its account's row, so a remainder is carried once.
    Account.objects.select_for_update(no_key=True).filter(pk=program.pk).get()
    if DividendPayout.objects.filter(key=key).exists():
        raise Conflict("DIVIDEND_ALREADY_PAID", f"the dividend of {key} is paid already")
    carried = Money(int(program.legs.aggregate(total=Sum("amount"))["total"] or 0), currency)
    costs = revenue.times(share_of_costs)
    pool = revenue - costs + carried
    count = _list_citizens(jurisdiction, day)
    share = Money(pool.amount // count if count else 0, currency)
    paid_out = share.times(count)
    remainder = pool - paid_out
    legs = [
        (source, -revenue),
        (dividend_costs_account(jurisdiction, currency), costs),
        (program, revenue - costs - paid_out),
    ]
    legs = [(account, money) for account, money in legs if money.amount]
    entry = None
    if legs or paid_out.amount:
        if sum(m.amount for _, m in legs) + paid_out.amount:  # the zero-sum rule, in code
            raise ValueError("unbalanced dividend")
        entry = Transaction.objects.create(
            kind=TransactionKind.SOCIAL_DIVIDEND,
            memo=f"social dividend, {key}",
            at=now(),
            jurisdiction=audit.chain_for(actor, Subject.DIVIDEND_PAYOUT, None, found.pk),
        )
        _add_legs(entry, legs)
        if paid_out.amount:
            _open_accounts(currency)
            _credit_each(entry, share, count)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {CITIZENS}")
    payout = DividendPayout(
        key=key,
        jurisdiction=found,
        source=source,
        currency=currency,
        day=day,
        revenue=revenue.amount,
        costs=costs.amount,
        carried=carried.amount,
        share=share.amount,
        citizens=count,
        remainder=remainder.amount,
        transaction=entry,
        paid_by=actor,
        paid_at=now(),
    )
    try:
        with transaction.atomic():
            payout.save()
    except IntegrityError:
        raise Conflict("DIVIDEND_ALREADY_PAID", f"the dividend of {key} is paid already") from None
    audit.record(
        actor=actor,
        action=Action.DIVIDEND_PAID,
        object_type=Subject.DIVIDEND_PAYOUT,
        object_id=payout.pk,
        chain=found.pk,
        data={
            "key": key,
            "transaction": entry.pk if entry else None,
            "currency": currency,
            "revenue": revenue.amount,
            "costs": costs.amount,
            "carried": carried.amount,
            "citizens": count,
            "share": share.amount,
            "paid_out": paid_out.amount,
            "remainder": remainder.amount,
            "legs": [[a.code, m.amount] for a, m in legs],
        },
    )
    return payout

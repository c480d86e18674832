"""`vip bench auction`'s database figures: the social dividend posted to a million citizens'
accounts on PostgreSQL, next to COPY of the same rows into a scratch table.

A scratch database (`vip_bench_dividend`, on the server of VIP_BENCH_DATABASE_URL) is migrated,
filled by COPY with n verified adult US citizens resident for two years (their identity and
citizenship verifications too), and dropped at the end. The payout is the platform's own
(`vip.ledger.services.pay_social_dividend`): the eligibility query, the citizens' scratch list,
their accounts opened by one INSERT ... SELECT at the first payout, one leg each by another, and
the commit, where the deferred trigger checks the transaction sums to zero. The baseline writes
the same legs (transaction, account, amount, currency), rendered in memory beforehand, with COPY
into an unindexed table and commits. Wall-clock seconds: the work is PostgreSQL's, in its own
process.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
from functools import partial

from vip.bench.database import _copy, _model_rows, reachable, scratch_database, wall
from vip.bench.matching import Figure

SCRATCH = "vip_bench_dividend"
REVENUE_CENTS = 1_000_000_000_00  # USD 1 billion: about USD 980 each to a million citizens
LATER_PAYOUTS = 3


def load_citizens(n: int) -> None:
    """n US citizens, born 20 to 80 years ago, accounts opened two years ago, verified."""
    import numpy as np

    from vip.people.models import Role, User, Verification

    authority = User.objects.create(
        username="authority@bench.example", email="authority@bench.example", role=Role.AUTHORITY
    )
    rng = np.random.default_rng(1982)  # the Alaska Permanent Fund's first dividend
    age_days = rng.integers(20 * 365, 80 * 365, n)
    today = dt.date.today()
    joined = dt.datetime.now(dt.UTC) - dt.timedelta(days=730)
    first = authority.pk + 1
    fixed = {
        "password": "!",
        "role": Role.SPONSOR,
        "is_active": True,
        "date_joined": joined,
        "country": "US",
        "citizenship": "US",
    }
    _copy(
        *_model_rows(
            User,
            fixed,
            lambda i: {
                "username": f"c{i}@bench.example",
                "email": f"c{i}@bench.example",
                "birth_date": today - dt.timedelta(days=int(age_days[i])),
            },
            n,
        )
    )
    _copy(
        *_model_rows(
            Verification,
            {"verified_by_id": authority.pk, "verified_at": joined, "note": "", "result": "clear"},
            lambda i: {
                "person_id": first + i // 2,
                "kind": "identity" if i % 2 == 0 else "citizenship",
            },
            2 * n,
        )
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _payout(key: str) -> int:
    """One payout of the revenue, paid in first, in its own transaction (committed)."""
    from django.db import transaction

    from vip.ledger import services as ledger
    from vip.ledger.models import TransactionKind
    from vip.money import Money

    revenue = Money(REVENUE_CENTS, "USD")
    source = ledger.program_account(f"auction:{key}:revenue", "USD")
    with transaction.atomic():
        ledger.transfer(
            kind=TransactionKind.AUCTION_PAYMENT,
            memo="the bench's revenue",
            debtor=ledger.program_account(ledger.EXTERNAL, "USD"),
            creditor=source,
            money=revenue,
        )
    paid = ledger.pay_social_dividend(
        actor=None, jurisdiction="US", source=source, revenue=revenue, key=key
    )
    return paid.citizens


def _legs_as_copy_text() -> tuple[str, int]:
    """The legs of one more payout, as COPY's text: (transaction, account, amount, currency)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM ledger_account WHERE holder_id IS NOT NULL ORDER BY id")
        accounts = [row[0] for row in cursor.fetchall()]
    buffer = io.StringIO()
    for account in accounts:
        buffer.write(f"0\t{account}\t98000\tUSD\n")
    return buffer.getvalue(), len(accounts)


def _copy_legs(text: str) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_legs (transaction_id bigint, account_id bigint,"
            " amount bigint, currency varchar(3))"
        )
        with cursor.cursor.copy("COPY bench_legs FROM STDIN") as copy:
            copy.write(text)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_legs")


def _phases() -> str:
    """Where a payout's time goes: the same steps again, timed one by one, then rolled back."""
    from django.db import connection, transaction

    from vip.clock import today
    from vip.ledger import services as ledger
    from vip.ledger.models import Leg, Transaction, TransactionKind
    from vip.money import Money

    with transaction.atomic():
        listing, count = wall(lambda: ledger._list_citizens("US", today()))
        entry = Transaction.objects.create(
            kind=TransactionKind.SOCIAL_DIVIDEND, memo="phases", at=dt.datetime.now(dt.UTC)
        )
        source = ledger.program_account(ledger.EXTERNAL, "USD")
        Leg.objects.create(
            transaction=entry, account=source, amount=-count, currency="USD", at=entry.at
        )
        opening, _ = wall(lambda: ledger._open_accounts("USD"))
        legs, _ = wall(lambda: ledger._credit_each(entry, Money(1, "USD"), count))
        with connection.cursor() as cursor:
            summing, _ = wall(
                lambda: cursor.execute(
                    "SELECT currency, SUM(amount) FROM ledger_leg WHERE transaction_id = %s"
                    " GROUP BY currency",
                    [entry.pk],
                )
            )
            checks, _ = wall(lambda: cursor.execute("SET CONSTRAINTS ALL IMMEDIATE"))
        transaction.set_rollback(True)
    return (
        f"eligibility and the list {listing:.1f} s, the accounts found {opening:.1f} s,"
        f" the legs inserted {legs:.1f} s, the deferred"
        f" checks at commit {checks:.1f} s (the zero-sum sum alone {summing:.2f} s; the rest is"
        " PostgreSQL's foreign-key check of each leg's account and transaction, row by row)"
    )


def dividend_on_postgres(quick: bool) -> list[Figure]:
    if not reachable():
        return []
    n = 50_000 if quick else 1_000_000
    with scratch_database(SCRATCH):
        loading, _ = wall(lambda: load_citizens(n))
        first, citizens = wall(lambda: _payout("BENCH-0"))
        if citizens != n:
            raise RuntimeError(f"{citizens} citizens paid of {n}")
        later = [wall(partial(_payout, f"BENCH-{i}"))[0] for i in range(1, LATER_PAYOUTS + 1)]
        phases = _phases()
        text, rows = _legs_as_copy_text()
        copying = statistics.median(wall(lambda: _copy_legs(text))[0] for _ in range(3))
        from vip.ledger.selectors import check_books

        if not check_books().ok:
            raise RuntimeError("the books do not balance after the payouts")
    size = f"{n:,} eligible citizens in PostgreSQL (COPY in {loading:.0f} s)"
    baseline = f"COPY of the same {rows:,} legs into an unindexed scratch table (wall)"
    return [
        Figure(
            "social dividend, first payout (wall)",
            size,
            first,
            baseline,
            copying,
            "eligibility query, citizens listed, 1 account opened each, 1 leg each, zero-sum"
            " check at commit, one audit event",
        ),
        Figure(
            f"social dividend, a later payout (median of {LATER_PAYOUTS}, wall)",
            size,
            statistics.median(later),
            baseline,
            copying,
            f"the accounts exist; {phases}",
        ),
    ]

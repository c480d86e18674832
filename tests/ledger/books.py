"""Writing straight to the books, past ledger.post and its zero-sum check, as a forger with
DDL rights would: on PostgreSQL he must also disable the deferred zero-sum trigger, or the
commit (and even the test's closing constraint check) refuses his transaction."""

from __future__ import annotations

from django.db import connection

from vip.clock import now
from vip.ledger import services as ledger
from vip.ledger.models import Leg, Transaction


def forged_transaction(*amounts: tuple[int, str]) -> Transaction:
    """A transaction whose legs are whatever the forger wrote, alternately to the fines and the
    external account (each in the leg's currency)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # settle what is pending first
            cursor.execute("ALTER TABLE ledger_leg DISABLE TRIGGER ledger_zero_sum")
    entry = Transaction.objects.create(kind="forged", memo="written past ledger.post", at=now())
    for i, (amount, currency) in enumerate(amounts):
        code = ledger.FINES if i % 2 == 0 else ledger.EXTERNAL
        Leg.objects.create(
            transaction=entry,
            account=ledger.program_account(code, currency),
            amount=amount,
            currency=currency,
            at=entry.at,
        )
    return entry

"""On PostgreSQL the database itself refuses, at commit, a transaction whose legs were written
past ledger.post and do not sum to zero per currency; legs written one at a time that do sum to
zero commit (the check is deferred to the end of the transaction, not made leg by leg)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from vip.clock import now
from vip.ledger import services as ledger
from vip.ledger.models import Leg, Transaction
from vip.ledger.selectors import check_books

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def insert_legs(*amounts: tuple[int, str]) -> None:
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


@pytest.mark.parametrize(
    ("legs", "message"),
    [
        (((-500_00, "USD"), (400_00, "USD")), "does not sum to zero in USD"),
        (((5_000_00, "USD"),), "does not sum to zero in USD"),
        (((-100_00, "USD"), (100_00, "CAD")), "does not sum to zero in"),
    ],
    ids=["sum-not-zero", "single-leg", "two-currencies"],
)
def test_postgresql_refuses_an_unbalanced_transaction_at_commit(
    legs: tuple[tuple[int, str], ...], message: str
) -> None:
    with pytest.raises(DatabaseError, match=message):  # noqa: SIM117
        with transaction.atomic():
            insert_legs(*legs)
            assert Leg.objects.count() == len(legs)  # accepted leg by leg, until the commit

    assert (Transaction.objects.count(), Leg.objects.count()) == (0, 0)
    assert check_books().ok


def test_postgresql_commits_balanced_legs_written_one_at_a_time() -> None:
    with transaction.atomic():
        insert_legs((-2_000_00, "USD"), (2_000_00, "USD"))

    assert Leg.objects.count() == 2
    assert check_books().ok

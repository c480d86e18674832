"""The database itself refuses to change or remove a leg of the books (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction

from vip.ledger import services as ledger
from vip.ledger.models import Leg
from vip.ledger.selectors import check_books
from vip.money import Money

pytestmark = pytest.mark.django_db


def sql(statement: str) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement)

    return run


@pytest.mark.parametrize(
    "tamper",
    [
        sql("UPDATE ledger_leg SET amount = 1"),
        sql("DELETE FROM ledger_leg"),
        lambda: Leg.objects.filter(amount__lt=0).update(amount=-1),
        lambda: Leg.objects.filter(amount__gt=0).delete(),
    ],
    ids=["sql-update", "sql-delete", "orm-update", "orm-delete"],
)
def test_the_database_refuses_to_update_or_delete_a_leg(tamper: Callable[[], object]) -> None:
    with transaction.atomic():
        ledger.transfer(
            kind="fine",
            memo="FINE_CRIME",
            debtor=ledger.program_account(ledger.EXTERNAL, "USD"),
            creditor=ledger.program_account(ledger.FINES, "USD"),
            money=Money(2_000_00, "USD"),
        )
    before = sorted(Leg.objects.values_list("amount", flat=True))

    with pytest.raises(DatabaseError, match="append-only table ledger_leg"):  # noqa: SIM117
        with transaction.atomic():
            tamper()

    assert sorted(Leg.objects.values_list("amount", flat=True)) == before
    assert check_books().ok

"""The ledger partitioned by jurisdiction and month (vip.ledger.partitioning, docs/scale.md), built
in a scratch schema that shadows the flat tables inside the test's transaction: the ledger's
services post to it as to the flat tables, each transaction and its legs land in one partition,
and it keeps the flat ledger's invariants (append-only, zero-sum at commit)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from vip.ledger import partitioning
from vip.ledger import services as ledger
from vip.ledger.models import Leg, Transaction, TransactionKind
from vip.ledger.selectors import check_books
from vip.money import Money
from vip.people.models import User

from tests.partitioned import LAST_MONTH, NEXT_MONTH, THIS_MONTH, build, partitions

# Creating and attaching partitions is DDL: the tables' owner's work, as a migration would be.
pytestmark = [pytest.mark.postgres, pytest.mark.owner, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def partitioned() -> None:
    """The partitioned ledger, for the US and the platform, and a zero-sum queue of its own."""
    build(
        "CREATE TABLE ledger_zero_sum_pending (LIKE public.ledger_zero_sum_pending INCLUDING ALL)",
        *partitioning.layout(
            "public.ledger_transaction", "public.ledger_leg", ["", "US"], [LAST_MONTH, THIS_MONTH]
        ),
    )


def fine(actor: User | None, debtor: User, amount: int = 100_00) -> Transaction:
    """A fine posted through the ledger's service, in a transaction of its own."""
    with transaction.atomic():
        return ledger.transfer(
            kind=TransactionKind.FINE,
            memo="a fine",
            debtor=ledger.person_account(debtor, "USD"),
            creditor=ledger.program_account(ledger.FINES, "USD"),
            money=Money(amount, "USD"),
            actor=actor,
        )


def in_month(first: dt.date, monkeypatch: pytest.MonkeyPatch) -> None:
    at = dt.datetime.combine(first.replace(day=10), dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setattr(ledger, "now", lambda: at)


def immediately() -> None:
    """The deferred checks run now, as at commit."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_postings_land_with_their_legs_in_their_jurisdictions_month(
    story: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    anthony = story["anthony"]  # of Springfield, US
    in_month(LAST_MONTH, monkeypatch)
    fine(anthony, anthony)
    in_month(THIS_MONTH, monkeypatch)
    fine(anthony, anthony)
    fine(None, anthony)  # the platform's own job: no jurisdiction
    immediately()

    last, this = f"{LAST_MONTH:%Y_%m}", f"{THIS_MONTH:%Y_%m}"
    assert partitions("ledger_transaction") == {
        f"ledger_transaction_us_{last}": 1,
        f"ledger_transaction_us_{this}": 1,
        f"ledger_transaction_none_{this}": 1,
    }
    assert partitions("ledger_leg") == {
        f"ledger_leg_us_{last}": 2,
        f"ledger_leg_us_{this}": 2,
        f"ledger_leg_none_{this}": 2,
    }
    assert check_books().ok


def forge(entry: Transaction, amount: int, **where: object) -> None:
    """One more leg on `entry`, written past ledger.post (by default in its partition)."""
    Leg.objects.create(
        transaction=entry,
        account=ledger.program_account(ledger.EXTERNAL, "USD"),
        amount=amount,
        currency="USD",
        **{"jurisdiction": entry.jurisdiction, "at": entry.at, **where},
    )


def test_a_transaction_that_does_not_sum_to_zero_is_refused_at_commit(
    story: dict[str, User],
) -> None:
    entry = fine(story["anthony"], story["anthony"])

    forge(entry, 1)

    with pytest.raises(DatabaseError, match="does not sum to zero in USD"):
        immediately()


@pytest.mark.parametrize(
    "where",
    [{"jurisdiction": ""}, {"at": dt.datetime.combine(LAST_MONTH, dt.time(), tzinfo=dt.UTC)}],
    ids=["another jurisdiction", "another month"],
)
def test_a_leg_outside_its_transactions_partition_is_refused(
    story: dict[str, User], where: dict[str, object]
) -> None:
    entry = fine(story["anthony"], story["anthony"])
    immediately()

    with pytest.raises(IntegrityError, match="violates foreign key"), transaction.atomic():
        forge(entry, 1, **where)
        forge(entry, -1, **where)
        immediately()


APPEND_ONLY = "append-only"
HELD_BY_LEGS = "cannot truncate a table referenced in a foreign key"  # before any trigger


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("UPDATE ledger_leg SET amount = amount * 2", APPEND_ONLY),
        ("DELETE FROM ledger_transaction", APPEND_ONLY),
        ("UPDATE ledger_leg_us_{month} SET amount = amount * 2", APPEND_ONLY),
        ("DELETE FROM ledger_transaction_us_{month}", APPEND_ONLY),
        ("TRUNCATE ledger_leg", APPEND_ONLY),
        ("TRUNCATE ledger_leg_us", APPEND_ONLY),
        ("TRUNCATE ledger_leg_us_{month}", APPEND_ONLY),
        ("TRUNCATE ledger_transaction_us_{month}", HELD_BY_LEGS),
    ],
)
def test_every_partition_is_append_only(
    story: dict[str, User], statement: str, refusal: str
) -> None:
    fine(story["anthony"], story["anthony"])
    immediately()

    with pytest.raises(DatabaseError, match=refusal), connection.cursor() as cursor:
        cursor.execute(statement.format(month=f"{THIS_MONTH:%Y_%m}"))


def test_a_month_without_its_partition_refuses_postings_until_it_is_attached(
    story: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    anthony = story["anthony"]
    in_month(NEXT_MONTH, monkeypatch)

    with pytest.raises(IntegrityError, match="no partition"):
        fine(anthony, anthony)

    with connection.cursor() as cursor:
        for statement in partitioning.month_of("US", NEXT_MONTH):
            cursor.execute(statement)
    fine(anthony, anthony)
    immediately()

    assert partitions("ledger_leg") == {f"ledger_leg_us_{NEXT_MONTH:%Y_%m}": 2}

"""ledger.post writes only balanced transactions of two legs or more, in the caller's
transaction, and writes nothing when it refuses."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import transaction

from vip.ledger import services as ledger
from vip.ledger.models import Account, Leg, Transaction
from vip.money import Money

pytestmark = pytest.mark.django_db


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def fines() -> Account:
    return ledger.program_account(ledger.FINES, "USD")


def external() -> Account:
    return ledger.program_account(ledger.EXTERNAL, "USD")


@pytest.mark.parametrize(
    ("legs", "problem"),
    [
        (lambda: [(fines(), usd(-500_00)), (external(), usd(400_00))], "unbalanced"),
        (lambda: [(fines(), usd(500_00))], "unbalanced"),
        (lambda: [], "fewer than two legs"),
        (lambda: [(fines(), usd(500_00)), (external(), usd(0))], "unbalanced"),
        (lambda: [(fines(), usd(0)), (external(), usd(0))], "fewer than two legs"),
        (lambda: [(fines(), Money(-5_00, "CAD")), (external(), usd(5_00))], "cannot hold"),
    ],
    ids=["sum-not-zero", "single-leg", "no-leg", "zero-leg-dropped", "all-zero", "currency"],
)
def test_ledger_post_refuses_an_unbalanced_or_single_leg_posting(
    legs: Callable[[], list[tuple[Account, Money]]], problem: str
) -> None:
    with transaction.atomic(), pytest.raises(ValueError, match=problem):
        ledger.post("fine", "a posting that does not add up", legs())

    assert (Transaction.objects.count(), Leg.objects.count()) == (0, 0)


def test_ledger_post_writes_a_balanced_posting_of_two_legs(db: None) -> None:
    with transaction.atomic():
        entry = ledger.transfer(
            kind="fine", memo="FINE_CRIME", debtor=external(), creditor=fines(), money=usd(2_000_00)
        )

    assert sorted(entry.legs.values_list("amount", flat=True)) == [-2_000_00, 2_000_00]


@pytest.mark.django_db(transaction=True)
def test_ledger_post_refuses_to_run_outside_a_state_change() -> None:
    legs = [(fines(), usd(-1)), (external(), usd(1))]
    with pytest.raises(RuntimeError, match="inside the state change's transaction"):
        ledger.post("fine", "on its own", legs)

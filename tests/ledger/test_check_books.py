"""check_books() and `vip ledger check` prove the books balance, and find the transaction
that does not (forced in with a raw insert inside the test's rolled-back transaction)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from vip.cli import app
from vip.ledger.models import Transaction
from vip.ledger.selectors import check_books
from vip.people.models import User

from tests.audit.story import live_a_visa
from tests.ledger.books import forged_transaction

pytestmark = pytest.mark.django_db


def test_the_books_balance_after_a_visa_lives_its_life(story: dict[str, User]) -> None:
    live_a_visa(story["anthony"], story["bishal"], story["authority"])
    posted = Transaction.objects.count()
    assert posted >= 3  # gain share, support, the disappearance fine

    books = check_books()

    assert (books.ok, books.transactions, books.unbalanced) == (True, posted, [])
    assert books.total_by_currency == {"USD": 0}
    result = CliRunner().invoke(app, ["ledger", "check", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "ok": True,
        "transactions": posted,
        "unbalanced": [],
        "total_by_currency": {"USD": 0},
    }


@pytest.mark.owner
def test_an_unbalanced_transaction_is_found_by_check_books_and_vip_ledger_check(
    story: dict[str, User],
) -> None:
    live_a_visa(story["anthony"], story["bishal"], story["authority"])
    forged = forged_transaction((-500_00, "USD"), (400_00, "USD"))

    books = check_books()

    assert (books.ok, books.unbalanced) == (False, [forged.pk])
    assert books.total_by_currency == {"USD": -100_00}
    result = CliRunner().invoke(app, ["ledger", "check", "--json"])
    assert result.exit_code == 1, result.output
    out = json.loads(result.stdout)
    assert (out["ok"], out["unbalanced"]) == (False, [forged.pk])


@pytest.mark.owner
def test_a_transaction_balanced_in_sum_but_not_per_currency_is_found(db: None) -> None:
    forged = forged_transaction((-100_00, "USD"), (100_00, "CAD"))

    books = check_books()

    assert (books.ok, books.unbalanced) == (False, [forged.pk])
    assert books.total_by_currency == {"CAD": 100_00, "USD": -100_00}


@pytest.mark.owner
def test_a_transaction_with_a_single_leg_is_found(db: None) -> None:
    lonely = forged_transaction((1, "USD"))
    also = forged_transaction()

    assert check_books().unbalanced == sorted([lonely.pk, also.pk])

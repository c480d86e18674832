"""A person's money: balances per currency and the entries behind them."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from vip.api.accounts import ERRORS
from vip.api.app import caller
from vip.api.schemas import LedgerEntryOut, LedgerOut, MoneyOut
from vip.ledger import selectors
from vip.ledger.models import TransactionKind

router = Router(tags=["ledger"])


@router.get("/me/ledger", response={200: LedgerOut, **ERRORS})
def my_ledger(request: HttpRequest) -> LedgerOut:
    person = caller(request)
    return LedgerOut(
        balances=[
            MoneyOut(amount=amount, currency=currency)
            for currency, amount in selectors.balances(person).items()
        ],
        entries=[
            LedgerEntryOut(
                transaction=leg.transaction_id,
                kind=TransactionKind(leg.transaction.kind),
                memo=leg.transaction.memo,
                at=leg.transaction.at,
                amount=MoneyOut(amount=leg.amount, currency=leg.currency),
            )
            for leg in selectors.entries(person)
        ],
    )

"""Double-entry books. Every transaction's legs sum to zero per currency (a deferred trigger on
PostgreSQL, the same check in code everywhere); legs are never updated or deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Account(models.Model):
    """An account per holder and currency. A person's balance is what is due to him (negative:
    what he owes); the program's own accounts (fines, external) carry no holder."""

    code = models.CharField(max_length=64)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="accounts"
    )
    currency = models.CharField(max_length=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "currency"], name="one_account_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.currency}"


class TransactionKind(models.TextChoices):
    FINE = "fine"
    FINE_PAYMENT = "fine_payment"
    SUPPORT = "support"
    SUPPORT_REFUND = "support_refund"  # the prorated part of a month begun, back to the sponsor
    GAIN_SHARE = "gain_share"
    AUCTION_FEE = "auction_fee"  # a registration's fee, paid in
    AUCTION_DEPOSIT = "auction_deposit"  # a bid's deposit, paid in and held
    AUCTION_PAYMENT = "auction_payment"  # a winner's price, paid in (the deposit counts)
    AUCTION_REFUND = "auction_refund"  # a deposit (or a refused winner's payment) paid back
    AUCTION_FORFEIT = "auction_forfeit"  # a winner who did not pay: his deposit is kept
    SOCIAL_DIVIDEND = "social_dividend"  # an auction's revenue, less costs, to every citizen


class Transaction(models.Model):
    kind = models.CharField(max_length=32, choices=TransactionKind.choices)
    memo = models.CharField(max_length=200)
    at = models.DateTimeField()
    visa = models.ForeignKey(
        "visas.Visa", null=True, on_delete=models.PROTECT, related_name="transactions"
    )
    # The chain of its audit event: its visa's jurisdiction, the poster's, or "" (the platform's).
    # With `at`, the partition key of the layout in vip.ledger.partitioning.
    jurisdiction = models.CharField(max_length=8, blank=True)


class Leg(models.Model):
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="legs")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="legs")
    amount = models.BigIntegerField()  # minor units; the legs of a transaction sum to zero
    currency = models.CharField(max_length=3)
    # Its transaction's, so that every leg of a transaction is in the transaction's partition.
    jurisdiction = models.CharField(max_length=8, blank=True)
    at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="leg_not_zero")]


class DividendPayout(models.Model):
    """One payout of the social dividend: the revenue of a source (a settled auction), less the
    costs the parameters name, in equal shares to every eligible citizen of the jurisdiction.
    Its key is unique, so the same revenue is never paid twice; what cannot be shared in whole
    minor units (the remainder) stays in the program's account for the next payout."""

    key = models.CharField(max_length=64, unique=True)  # e.g. "auction:US-2027-1"
    jurisdiction = models.ForeignKey(
        "communities.Jurisdiction", on_delete=models.PROTECT, related_name="dividends"
    )
    source = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    currency = models.CharField(max_length=3)
    day = models.DateField()  # the day eligibility and the parameters are taken on
    revenue = models.BigIntegerField()  # minor units, taken from the source
    costs = models.BigIntegerField()  # dividend.cost_share of the revenue
    carried = models.BigIntegerField()  # the remainder of earlier payouts, shared again now
    share = models.BigIntegerField()  # per citizen, minor units
    citizens = models.PositiveIntegerField()
    remainder = models.BigIntegerField()  # (revenue - costs + carried) - share x citizens
    transaction = models.OneToOneField(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="dividend"
    )
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share__gte=0) & models.Q(remainder__gte=0),
                name="dividend_share_and_remainder",
            )
        ]

    def __str__(self) -> str:
        return self.key

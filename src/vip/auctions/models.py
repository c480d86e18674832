"""Quota auctions (Becker): an auction's record, one registration per beneficiary, one sealed bid
per registration. The clearing itself is vip.auctions.clearing (no Django)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vip.auctions.clearing import Rule
from vip.audit.seals import new_seal

USER = settings.AUTH_USER_MODEL


class AuctionStatus(models.TextChoices):
    """An auction's life, in this order only; each step by the authority or the daily job."""

    SCHEDULED = "scheduled"
    REGISTRATION = "registration"
    BIDDING = "bidding"
    CLOSED = "closed"
    CLEARED = "cleared"
    SETTLED = "settled"


class Auction(models.Model):
    """One auction of a quota of visas in one jurisdiction. Its fee, deposit, agency cap and
    payment window are taken from the jurisdiction's dated parameters when it is created (the
    auction's record then holds them: a parameter changed later does not change it)."""

    code = models.CharField(max_length=32, unique=True)
    jurisdiction = models.ForeignKey(
        "communities.Jurisdiction", on_delete=models.PROTECT, related_name="auctions"
    )
    quota = models.PositiveIntegerField()
    term_months = models.PositiveSmallIntegerField()
    reserve = models.BigIntegerField()  # minor units per visa-year
    currency = models.CharField(max_length=3)
    registration_opens = models.DateTimeField()
    registration_closes = models.DateTimeField()
    bidding_opens = models.DateTimeField()
    bidding_closes = models.DateTimeField()
    rule = models.CharField(
        max_length=16, choices=[(r.value, r.value) for r in Rule], default=Rule.HIGHEST_REJECTED
    )
    agency_cap_share = models.DecimalField(max_digits=5, decimal_places=4)  # of the quota
    registration_fee = models.BigIntegerField()  # minor units
    deposit = models.BigIntegerField()  # minor units, held from the bid to the settlement
    payment_days = models.PositiveSmallIntegerField()  # a winner pays within these days
    status = models.CharField(
        max_length=16, choices=AuctionStatus.choices, default=AuctionStatus.SCHEDULED
    )
    # The tie-break lottery: its SHA-256 is published when bidding opens, the seed at clearing.
    # The seed is read by nothing but the clearing until then.
    seed = models.CharField(max_length=64, blank=True)
    seed_commitment = models.CharField(max_length=64, blank=True)
    seed_revealed = models.BooleanField(default=False)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    # The clearing: its published inputs (`vip auction clear`'s contract), price and result hash.
    inputs = models.JSONField(null=True, blank=True)
    price = models.BigIntegerField(null=True, blank=True)  # minor units per visa-year
    bids_count = models.PositiveIntegerField(null=True, blank=True)
    result_hash = models.CharField(max_length=64, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(quota__gte=1), name="auction_quota_positive"),
            models.CheckConstraint(condition=models.Q(reserve__gte=0), name="auction_reserve"),
            models.CheckConstraint(
                condition=models.Q(registration_opens__lt=models.F("registration_closes"))
                & models.Q(registration_closes__lte=models.F("bidding_opens"))
                & models.Q(bidding_opens__lt=models.F("bidding_closes")),
                name="auction_windows_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class DuplicateReason(models.TextChoices):
    """Why a registration is flagged as perhaps the same person as an earlier one."""

    DOCUMENT = "document"  # the same identity document
    NAME_BIRTH_COUNTRY = "name_birth_country"  # the same name, birth date and country


class DuplicateDecision(models.TextChoices):
    """The authority's word on a flag: the same person (the lower bid counts), or two people."""

    UPHELD = "upheld"
    DISMISSED = "dismissed"


class RegistrationOutcome(models.TextChoices):
    """What the clearing made of a registration."""

    WON = "won"
    STANDBY = "standby"  # a valid bid below the cut-off: offered a seat a winner gives up
    BELOW_RESERVE = "below_reserve"
    DUPLICATE = "duplicate"  # the same person's higher bid: his lower bid counts
    AGENCY_CAP = "agency_cap"  # after his agency's cap of winners, in bid order: not counted
    NO_BID = "no_bid"


class SeatStatus(models.TextChoices):
    """A seat offered at the clearing price, and what became of it."""

    OFFERED = "offered"  # to pay by pay_by
    PAID = "paid"  # paid, the visa decided
    FORFEITED = "forfeited"  # not paid by pay_by: the deposit is kept, the next bidder offered
    REFUSED = "refused"  # paid, but the visa refused: everything paid is refunded, the next offered


class Registration(models.Model):
    """A beneficiary in an auction: once, whoever files it (an agency for him, with his consent).
    The reference is the pseudonymous id his bid is published under at clearing."""

    auction = models.ForeignKey(Auction, on_delete=models.PROTECT, related_name="registrations")
    beneficiary = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="registrations")
    reference = models.CharField(max_length=32, unique=True)
    agency = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField()
    consented_at = models.DateTimeField(null=True, blank=True)  # at once when he files himself
    document_country = models.CharField(max_length=2)
    document_number = models.CharField(max_length=64)  # normalised: upper case, no separators
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duplicate_reason = models.CharField(max_length=24, choices=DuplicateReason.choices, blank=True)
    # The authority's word on the flag (vip.auctions.services.decide_duplicate); until the
    # clearing it may change it. Dismissed: the clearing counts him as a person of his own.
    duplicate_decision = models.CharField(
        max_length=16, choices=DuplicateDecision.choices, blank=True
    )
    duplicate_decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duplicate_decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=RegistrationOutcome.choices, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)  # 1: the highest counted bid
    seat = models.CharField(max_length=16, choices=SeatStatus.choices, blank=True)
    pay_by = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)  # his deposit (and payment) back
    visa = models.OneToOneField(
        "visas.Visa", null=True, blank=True, on_delete=models.PROTECT, related_name="registration"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["auction", "beneficiary"], name="one_registration_per_beneficiary"
            )
        ]
        indexes = [
            models.Index(fields=["auction", "document_country", "document_number"]),
            models.Index(fields=["auction", "seat"]),
        ]


class Bid(models.Model):
    """A sealed bid per visa-year: changeable until bidding closes, binding after. Its amount is
    read by its bidder only until the clearing (vip.auctions.services.read_bid, audited)."""

    registration = models.OneToOneField(Registration, on_delete=models.PROTECT, related_name="bid")
    amount = models.BigIntegerField()  # minor units per visa-year
    currency = models.CharField(max_length=3)
    placed_at = models.DateTimeField()
    changed_at = models.DateTimeField()
    # A nonce in the digest the audit log keeps of the amount: the log binds the bid without
    # telling its readers (the authority) what it was.
    seal = models.CharField(max_length=32, default=new_seal, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="bid_positive")
        ]

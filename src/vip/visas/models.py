"""Visas, their status history, insurance, incidents and their consequences, amnesty."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from vip.visas.rules import Outcome

if TYPE_CHECKING:
    from vip.people.models import User

USER = settings.AUTH_USER_MODEL


class Status(models.TextChoices):
    REVIEW = "review"
    REFUSED = "refused"
    APPROVED = "approved"
    ACTIVE = "active"
    COMPLETED = "completed"
    LEFT = "left"
    TRANSFERRED = "transferred"
    REVOKED = "revoked"
    ABSCONDED = "absconded"
    DEPORTED = "deported"


LIVE = [Status.REVIEW, Status.APPROVED, Status.ACTIVE]


class Event(models.TextChoices):
    """What a person reports on a visa (vip.visas.lifecycle says what each does, and who may)."""

    ARRIVED = "arrived"
    EMPLOYED = "employed"
    UNEMPLOYED = "unemployed"
    HOSPITALIZED = "hospitalized"
    COMPLETED = "completed"
    LEFT = "left"
    DISAPPEARED = "disappeared"
    FOUND = "found"
    CRIME_CONVICTED = "crime_convicted"
    SENTENCE_SERVED = "sentence_served"
    DEPORTED = "deported"


class Procedure(models.TextChoices):
    """The platform's own steps that move a visa, beside the reported events: an application
    sent, a seat won at an auction issued, a review decided, a transfer, a term run out."""

    APPLIED = "applied"
    ISSUED = "issued"
    DECIDED = "decided"
    TRANSFERRED = "transferred"
    TERM_ENDED = "term_ended"


class VisaKind(models.TextChoices):
    """How a visa came: a citizen's sponsorship on a signed agreement, or a seat won at a quota
    auction (vip.auctions), which has no sponsor, no agreement and no community of a host."""

    VIP = "vip"
    AUCTION = "auction"


class Visa(models.Model):
    kind = models.CharField(max_length=8, choices=VisaKind.choices, default=VisaKind.VIP)
    # A VIP visa's agreement, sponsor and community (the database's check): an auction visa has
    # none of them, and its term is its own (starts_on, term_months).
    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, on_delete=models.PROTECT, related_name="visas"
    )
    sponsor = models.ForeignKey(
        USER, null=True, on_delete=models.PROTECT, related_name="visas_as_sponsor"
    )
    migrant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="visas_as_migrant")
    community = models.ForeignKey(
        "communities.Community", null=True, on_delete=models.PROTECT, related_name="visas"
    )
    starts_on = models.DateField(null=True)  # an auction visa's term, from the auction
    term_months = models.PositiveSmallIntegerField(null=True)
    jurisdiction = models.ForeignKey(
        "communities.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    outcome = models.CharField(  # as first decided
        max_length=16, choices=[(o.value, o.name.lower()) for o in Outcome]
    )
    reasons = models.JSONField(default=list)  # [{"code", "message", "parameter"}]
    applied_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField()
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True)
    decision_note = models.TextField(blank=True)
    transferred_from = models.OneToOneField(
        "self", null=True, on_delete=models.PROTECT, related_name="transferred_to"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sponsor"],
                condition=models.Q(status__in=LIVE),
                name="one_live_visa_per_sponsor",
            ),
            models.UniqueConstraint(
                fields=["migrant"],
                condition=models.Q(status__in=LIVE),
                name="one_live_visa_per_migrant",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=VisaKind.VIP,
                        sponsor__isnull=False,
                        agreement__isnull=False,
                        community__isnull=False,
                    )
                    | models.Q(
                        kind=VisaKind.AUCTION,
                        sponsor__isnull=True,
                        agreement__isnull=True,
                        starts_on__isnull=False,
                        term_months__isnull=False,
                    )
                ),
                name="visa_kind_has_its_parties",
            ),
        ]
        indexes = [models.Index(fields=["community", "status"])]

    def parties(self) -> list[User]:
        """Whom the visa concerns: the migrant, and his sponsor when he has one."""
        return [p for p in (self.sponsor, self.migrant) if p is not None]

    def party_ids(self) -> list[int]:
        return [pk for pk in (self.sponsor_id, self.migrant_id) if pk is not None]

    def currency(self) -> str:
        """Its money's currency: the agreement's, or the jurisdiction's on an auction visa."""
        return self.agreement.currency if self.agreement else self.jurisdiction.currency

    def term(self) -> tuple[dt.date, int]:
        """(first day, months): the agreement's, or an auction visa's own."""
        if self.agreement is not None:
            return self.agreement.start_date, self.agreement.duration_months
        assert self.starts_on is not None and self.term_months is not None  # the check
        return self.starts_on, self.term_months


class StatusChange(models.Model):
    visa = models.ForeignKey(Visa, on_delete=models.PROTECT, related_name="status_changes")
    # the visa's, carried on each change so the table can be partitioned by jurisdiction and
    # month (vip.visas.partitioning, docs/scale.md): the partition key must be a column of the row
    jurisdiction = models.ForeignKey(
        "communities.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    event = models.CharField(max_length=32, choices=[*Event.choices, *Procedure.choices])
    # null: the platform's own daily job (a visa whose agreement ran its term)
    actor = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class Insurance(models.Model):
    visa = models.OneToOneField(Visa, on_delete=models.PROTECT, related_name="insurance")
    provider = models.CharField(max_length=200)
    policy_number = models.CharField(max_length=100)
    coverage = models.BigIntegerField()  # minor units
    currency = models.CharField(max_length=3)
    valid_from = models.DateField()
    valid_to = models.DateField()


class Incident(models.Model):
    """An event reported on a visa: the record of what happened, who said so and when."""

    visa = models.ForeignKey(Visa, on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(max_length=32, choices=Event.choices)
    occurred_on = models.DateField()
    reported_at = models.DateTimeField()
    reported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ["reported_at", "id"]


class Fine(models.Model):
    sponsor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="fines")
    visa = models.ForeignKey(Visa, on_delete=models.PROTECT, related_name="fines")
    code = models.CharField(max_length=48)  # the reason code: FINE_CRIME, FINE_DISAPPEARANCE, ...
    parameter = models.CharField(max_length=64)
    amount = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    issued_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="fine_positive")
        ]


class SupportObligation(models.Model):
    visa = models.ForeignKey(Visa, on_delete=models.PROTECT, related_name="support_obligations")
    monthly_amount = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    started_on = models.DateField()
    ended_on = models.DateField(null=True)
    months_posted = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["visa"], condition=models.Q(ended_on=None), name="one_open_support_per_visa"
            )
        ]


class EnforcementCase(models.Model):
    visa = models.OneToOneField(Visa, on_delete=models.PROTECT, related_name="enforcement_case")
    opened_on = models.DateField()
    closed_on = models.DateField(null=True)


class DeportationReason(models.TextChoices):
    CRIME_CONVICTED = "CRIME_CONVICTED"  # effective when the sentence is served
    FOUND_AFTER_DISAPPEARANCE = "FOUND_AFTER_DISAPPEARANCE"  # effective at once


class DeportationOrder(models.Model):
    visa = models.OneToOneField(Visa, on_delete=models.PROTECT, related_name="deportation_order")
    reason = models.CharField(max_length=48, choices=DeportationReason.choices)
    issued_on = models.DateField()
    effective_on = models.DateField(null=True)  # set when the sentence is served
    executed_on = models.DateField(null=True)


class EarningsReport(models.Model):
    visa = models.ForeignKey(Visa, on_delete=models.PROTECT, related_name="earnings")
    month = models.DateField()  # first day of the month
    amount = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    gain_share = models.BigIntegerField()
    reported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visa", "month"], name="one_report_per_month"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="earnings_not_negative"),
        ]


class AmnestyPath(models.TextChoices):
    CITIZENSHIP = "citizenship"
    SPONSORSHIP = "sponsorship"


class AmnestyApplication(models.Model):
    """A person already in the country entering through the one-time amnesty."""

    person = models.OneToOneField(USER, on_delete=models.PROTECT, related_name="amnesty")
    jurisdiction = models.ForeignKey(
        "communities.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    path = models.CharField(max_length=16, choices=AmnestyPath.choices)
    received_on = models.DateField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")


class ComplaintCategory(models.TextChoices):
    SAFETY = "safety"
    ABUSE = "abuse"
    PAY = "pay"
    HOUSING = "housing"
    OTHER = "other"


class ComplaintStatus(models.TextChoices):
    OPEN = "open"  # filed, waiting for the authority
    ASSIGNED = "assigned"  # an officer of the authority has it
    ANSWERED = "answered"  # the authority answered the person who filed it
    RESOLVED = "resolved"  # closed: nothing more is done on it


class Complaint(models.Model):
    """A safety or abuse complaint, routed to the authority (every worker protection applies).
    private_to: exported to the one who filed it only (privacy.selectors), not to the other party,
    whose export follows the visa too."""

    private_to = "filed_by"

    visa = models.ForeignKey(Visa, on_delete=models.PROTECT, related_name="complaints")
    filed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=16, choices=ComplaintCategory.choices)
    text = models.TextField()
    filed_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    assigned_to = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # Raised to the office's senior staff as urgent (it leads the queue), whatever its status;
    # the note, the authority's own, says why.
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_note = models.TextField(blank=True)

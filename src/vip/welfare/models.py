"""Check-ins, the migrant's answers to them, and the authority's cases."""

from __future__ import annotations

from django.conf import settings
from django.db import models

USER = settings.AUTH_USER_MODEL


class Occasion(models.TextChoices):
    """Why a check-in was asked."""

    ARRIVAL = "arrival"  # the first after he arrived
    TRANSFER = "transfer"  # the first under a new sponsor
    INTERVAL = "interval"  # every `welfare.checkin_interval_days` since


class Answer(models.TextChoices):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class CheckInStatus(models.TextChoices):
    DUE = "due"
    ANSWERED = "answered"
    MISSED = "missed"  # unanswered past its due date and the grace: a case is open on it


class CheckIn(models.Model):
    """One check-in of one visa: asked on its due date, answered by the migrant alone.

    private_to: the one person whose export holds it (privacy.selectors): it hangs on the visa,
    which the sponsor's export follows too, and the sponsor never reads the answers."""

    private_to = "migrant"

    visa = models.ForeignKey("visas.Visa", on_delete=models.PROTECT, related_name="checkins")
    migrant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="checkins")
    due_on = models.DateField()
    occasion = models.CharField(max_length=16, choices=Occasion.choices)
    status = models.CharField(
        max_length=16, choices=CheckInStatus.choices, default=CheckInStatus.DUE
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    paid_as_agreed = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    housing_as_agreed = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    feels_safe = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    charged_fee = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    text = models.TextField(blank=True)  # anything else he wants the office to know

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["visa", "due_on"], name="one_checkin_per_visa_and_day")
        ]


class CaseReason(models.TextChoices):
    """Why a case was opened (reason codes, in docs/api.md's tables)."""

    WORRYING_ANSWER = "WELFARE_WORRYING_ANSWER"
    CHECKIN_MISSED = "WELFARE_CHECKIN_MISSED"
    MIGRANT_MESSAGE = "WELFARE_MIGRANT_MESSAGE"


class CaseStatus(models.TextChoices):
    OPEN = "open"  # in the authority's queue, nobody has it yet
    ASSIGNED = "assigned"  # a member of the authority's staff has it
    CLOSED = "closed"  # done: the closing note says what was done


class Case(models.Model):
    """A welfare case in the authority's queue. private_to: as a check-in's."""

    private_to = "migrant"

    visa = models.ForeignKey("visas.Visa", on_delete=models.PROTECT, related_name="welfare_cases")
    migrant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="welfare_cases")
    reason = models.CharField(max_length=32, choices=CaseReason.choices)
    checkin = models.ForeignKey(
        CheckIn, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    message = models.TextField(blank=True)  # his own words, when he wrote to the office
    opened_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    assigned_to = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)  # to the migrant: he reads it

    class Meta:
        ordering = ["opened_at", "id"]
        constraints = [
            # The daily job opens a check-in's case once, whoever runs it and however often.
            models.UniqueConstraint(
                fields=["checkin", "reason"],
                condition=models.Q(checkin__isnull=False),
                name="one_case_per_checkin_and_reason",
            )
        ]
        indexes = [models.Index(fields=["status", "opened_at"])]


class CaseNote(models.Model):
    """The authority's own note on a case (the migrant reads only the closing note)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()
    text = models.TextField()

    class Meta:
        ordering = ["written_at", "id"]

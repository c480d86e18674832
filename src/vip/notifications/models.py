"""What concerns a person, told in the portal and by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    OFFER_RECEIVED = "offer_received"
    AGREEMENT_SIGNED = "agreement_signed"  # the other party signed
    MESSAGE_RECEIVED = "message_received"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    VISA_STATUS_CHANGED = "visa_status_changed"  # decided, arrived, transferred, revoked ...
    FINE_LEVIED = "fine_levied"
    SUPPORT_DUE = "support_due"  # the sponsor owes it, the migrant receives it
    VERIFICATION_DECIDED = "verification_decided"  # the authority recorded its result
    CHECKIN_DUE = "checkin_due"  # a welfare check-in: to the migrant only
    WELFARE_CASE_CHANGED = "welfare_case_changed"  # opened, assigned, closed: to the migrant
    COMPLAINT_CHANGED = "complaint_changed"  # assigned, answered, escalated, resolved: to its filer
    DELEGATION_CREATED = "delegation_created"  # to the agency a sponsor chose
    DELEGATION_REVOKED = "delegation_revoked"  # to the agency that no longer acts for him


class Notification(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    about_id = (
        models.BigIntegerField()
    )  # the agreement, conversation, interview, visa, fine or request
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "read_at"])]

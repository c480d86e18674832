"""Conversations between a sponsor and a migrant, and their messages: kept as any record."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Conversation(models.Model):
    """Opened once either side shows interest; closed when one blocks the other."""

    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conversations_as_sponsor"
    )
    migrant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conversations_as_migrant"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sponsor", "migrant"],
                condition=models.Q(closed_at=None),
                name="one_open_conversation_per_pair",
            )
        ]


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["sent_at", "id"]


class ReportReason(models.TextChoices):
    FEE = "fee"  # asks him to pay: no fee may be charged to a migrant
    ABUSE = "abuse"
    FRAUD = "fraud"
    OTHER = "other"


class Report(models.Model):
    """A party tells the authority what is wrong in a conversation. private_to: exported to the
    reporter only, not to the other party, whose export follows the conversation too."""

    private_to = "reporter"

    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=16, choices=ReportReason.choices)
    details = models.TextField(blank=True)
    created_at = models.DateTimeField()

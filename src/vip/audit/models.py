"""The audit log: append-only, hash-chained; triggers refuse any update or delete."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    """Every action the log records, once. The values are stored and hashed into the chain, so
    they never change: a member is named after its value (`subject.what_happened`)."""

    ADDRESSES_CONFIRMED = "addresses.confirmed"
    AUCTION_ADVANCED = "auction.advanced"
    AUCTION_CLEARED = "auction.cleared"
    AUCTION_CREATED = "auction.created"
    AGREEMENT_DECLINED = "agreement.declined"
    AGREEMENT_OFFERED = "agreement.offered"
    AGREEMENT_SIGNED = "agreement.signed"
    AGREEMENT_WITHDRAWN = "agreement.withdrawn"
    AGREEMENTS_SETTLED = "agreements.settled"
    AMNESTY_RECORDED = "amnesty.recorded"
    BID_PLACED = "bid.placed"
    BID_READ = "bid.read"
    CHECKIN_ANSWERED = "checkin.answered"
    CHECKINS_SCHEDULED = "checkins.scheduled"
    CANDIDATES_SEARCHED = "candidates.searched"
    CANDIDATE_SHORTLISTED = "candidate.shortlisted"
    CANDIDATE_UNSHORTLISTED = "candidate.unshortlisted"
    CANDIDATE_VIEWED = "candidate.viewed"
    COMMUNITY_CREATED = "community.created"
    COMMUNITY_RULES_SET = "community.rules_set"
    COMPLAINT_ANSWERED = "complaint.answered"
    COMPLAINT_ASSIGNED = "complaint.assigned"
    COMPLAINT_ESCALATED = "complaint.escalated"
    COMPLAINT_FILED = "complaint.filed"
    COMPLAINT_RESOLVED = "complaint.resolved"
    CONVERSATION_CLOSED = "conversation.closed"
    CONVERSATION_OPENED = "conversation.opened"
    CONVERSATION_REPORTED = "conversation.reported"
    DELEGATION_CREATED = "delegation.created"
    DELEGATION_REVOKED = "delegation.revoked"
    DIVIDEND_PAID = "dividend.paid"
    DEPORTATION_EFFECTIVE = "deportation.effective"
    DEPORTATION_EXECUTED = "deportation.executed"
    DEPORTATION_ORDERED = "deportation.ordered"
    EARNINGS_REPORTED = "earnings.reported"
    ENFORCEMENT_OPENED = "enforcement.opened"
    FINE_LEVIED = "fine.levied"
    FINE_PAID = "fine.paid"
    HOUSEHOLD_ASSIGNED = "household.assigned"
    INCIDENT_REPORTED = "incident.reported"
    INTERVIEW_SCHEDULED = "interview.scheduled"
    LEDGER_POSTED = "ledger.posted"
    LOGIN_FAILED = "login.failed"
    LOGIN_LOCKED_OUT = "login.locked_out"
    LOGIN_SUCCEEDED = "login.succeeded"
    MATCH_ROUND = "match.round"
    MESSAGE_SENT = "message.sent"
    OPPORTUNITIES_SEARCHED = "opportunities.searched"
    PEOPLE_IMPORTED = "people.imported"
    PERSON_BLOCKED = "person.blocked"
    PERSON_CREATED = "person.created"
    PERSON_EXPORTED = "person.exported"
    PERSON_PSEUDONYMISED = "person.pseudonymised"
    PROFILE_UPDATED = "profile.updated"
    REGISTRATION_CONSENTED = "registration.consented"
    REGISTRATION_CREATED = "registration.created"
    REGISTRATION_DUPLICATE_DECIDED = "registration.duplicate_decided"
    REQUEST_CLOSED = "request.closed"
    REQUEST_CREATED = "request.created"
    SEAT_FORFEITED = "seat.forfeited"
    SEAT_OFFERED = "seat.offered"
    SEAT_PAID = "seat.paid"
    SEAT_VISA_DECIDED = "seat.visa_decided"
    SECOND_FACTORS_ENROLLED = "second_factors.enrolled"
    SENSITIVE_READ = "sensitive.read"
    SUPPORT_ENDED = "support.ended"
    SUPPORT_OPENED = "support.opened"
    TOKEN_ISSUED = "token.issued"
    TOKEN_REVOKED = "token.revoked"
    TOKENS_REVOKED = "tokens.revoked"
    VERIFICATION_FLAG_DECIDED = "verification.flag_decided"
    VERIFICATION_FLAGGED = "verification.flagged"
    VERIFICATION_RECORDED = "verification.recorded"
    VERIFICATION_REQUESTED = "verification.requested"
    VERIFICATIONS_SEALED = "verifications.sealed"
    VISA_STATUS_CHANGED = "visa.status_changed"
    WELFARE_CASE_ASSIGNED = "welfare_case.assigned"
    WELFARE_CASE_CLOSED = "welfare_case.closed"
    WELFARE_CASE_NOTED = "welfare_case.noted"
    WELFARE_CASE_OPENED = "welfare_case.opened"


class Subject(models.TextChoices):
    """What an event is about (its `object_type`, with `object_id`), once. Stored and hashed
    into the chain like the actions, so the values never change."""

    AGREEMENT = "agreement"
    AUCTION = "auction"
    BATCH = "batch"  # a migration's or a bulk operation's many rows
    CHECKIN = "checkin"  # a welfare check-in (its answers are never in the log)
    COMMUNITY = "community"
    COMPLAINT = "complaint"
    CONVERSATION = "conversation"
    DIVIDEND_PAYOUT = "dividend_payout"
    FINE = "fine"
    LOGIN = "login"  # a login for an e-mail with no account: its digest
    MATCH_ROUND = "match_round"
    REGISTRATION = "registration"  # in an auction
    REQUEST = "request"
    TRANSACTION = "transaction"
    USER = "user"
    VERIFICATION_REQUEST = "verification_request"
    VISA = "visa"
    WELFARE_CASE = "welfare_case"


class AuditEvent(models.Model):
    """One event of one chain. Each jurisdiction keeps its own chain (its code), so appends in
    one do not wait on another's; "" is the chain of acts in no jurisdiction (the authority's
    global acts, and every event written before the chains were split)."""

    # db_default: a row inserted by SQL that names no chain is in "" (as every row was before).
    chain = models.CharField(max_length=8, default="", db_default="", blank=True)
    seq = models.BigIntegerField()  # within its chain
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # No choices on these columns: the enums hold the vocabulary and record() takes only their
    # members, so a new action is a code change and never another migration of the log.
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]  # the order of appends across the chains
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq")
        ]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """One row per chain holding its tip: locking it serialises the appends to that chain, so
    it never forks, and only those: another jurisdiction's chain has its own row."""

    chain = models.CharField(max_length=8, unique=True, default="", db_default="", blank=True)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

"""People: users with one role each, their profiles, verifications and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models.functions import Lower

from vip.audit.seals import new_seal
from vip.matching.ranking.records import Housing


class Role(models.TextChoices):
    SPONSOR = "sponsor"
    MIGRANT = "migrant"
    OFFICER = "officer", "community officer"
    AGENCY = "agency"
    AUTHORITY = "authority"


# The roles anyone may sign up for; staff roles need an authority (or `vip createuser`).
SELF_SERVICE_ROLES = (Role.SPONSOR, Role.MIGRANT)
# The others are staff (Django's is_staff: the admin opens for them).
STAFF_ROLES = tuple(role for role in Role if role not in SELF_SERVICE_ROLES)


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.SPONSOR)
    full_name = models.CharField(max_length=200, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 country of residence"
    )
    citizenship = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1, for sponsors")
    community = models.ForeignKey(
        "communities.Community",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
    )
    # Set by the retention job: his name, contacts and profile are replaced (vip.privacy).
    pseudonymised_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="one_account_per_email")]


class MigrantProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="migrant_profile"
    )
    languages = models.JSONField(default=list)  # [{"code": "en", "level": "B2"}]
    sectors = models.JSONField(default=list)  # [{"code": "construction", "years": 3}]
    countries_worked = models.JSONField(default=list)
    # Minor units, the gain-share baseline an offer locks in; None until he states it.
    home_annual_earnings = models.BigIntegerField(null=True, blank=True)
    home_currency = models.CharField(max_length=3, default="USD")
    interests = models.JSONField(default=list)
    preferences = models.JSONField(default=dict)
    barred_until = models.DateField(null=True, blank=True)
    in_country = models.BooleanField(default=False)
    # What the ranking ranks on (docs/matching.md); every field optional.
    available_from = models.DateField(null=True, blank=True)  # None: available now
    jurisdictions = models.JSONField(default=list)  # where he accepts to go; []: anywhere
    heritage = models.JSONField(default=list)  # codes; his country of origin counts too
    religion = models.CharField(max_length=32, blank=True)
    wants_other_adults = models.BooleanField(default=False)  # safeguard
    pay_expectation = models.BigIntegerField(default=0)  # annual, minor units; 0: none stated
    housing_need = models.CharField(
        max_length=16, choices=[(h.value, h.value) for h in Housing], default=Housing.NONE.value
    )
    soft_criteria = models.JSONField(default=list)  # the soft criteria he opts into


class SponsorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sponsor_profile"
    )
    household = models.CharField(max_length=64, blank=True, help_text="household reference")
    household_size = models.PositiveSmallIntegerField(default=1)
    housing = models.CharField(max_length=200, blank=True)
    languages = models.JSONField(default=list)
    interests = models.JSONField(default=list)
    heritage = models.JSONField(default=list)
    religion = models.CharField(max_length=32, blank=True)
    # Adults living in the household (the safeguard counts them); None: not stated, counted as
    # one, for household_size counts children too.
    adults = models.PositiveSmallIntegerField(null=True, blank=True)
    soft_criteria = models.JSONField(default=list)  # his default for requests that state none


class Block(models.Model):
    """One person never wants to be shown to another (either side blocks)."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair")
        ]


class VerificationKind(models.TextChoices):
    IDENTITY = "identity"
    CITIZENSHIP = "citizenship"
    CRIMINAL_RECORD = "criminal_record"
    HEALTH = "health"


SENSITIVE_VERIFICATIONS = {VerificationKind.CRIMINAL_RECORD, VerificationKind.HEALTH}


class VerificationResult(models.TextChoices):
    CLEAR = "clear"
    NOT_CLEAR = "not_clear", "not clear"


class Verification(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verifications"
    )
    kind = models.CharField(max_length=16, choices=VerificationKind.choices)
    result = models.CharField(max_length=16, choices=VerificationResult.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField()
    note = models.TextField(blank=True)
    # A nonce inside the digest the audit log keeps of this row (vip.audit.seals): it binds the
    # row without telling a reader of the log what the result was.
    seal = models.CharField(max_length=32, default=new_seal, editable=False)

    class Meta:
        ordering = ["-verified_at", "-id"]


class RequestStatus(models.TextChoices):
    PENDING = "pending"  # waiting for the authority
    DECIDED = "decided"  # its verification is recorded (clear or not)


class FlagState(models.TextChoices):
    """One person, one account: a request matching another account is flagged until the
    authority decides whether it is the same person."""

    NONE = "none"
    OPEN = "open"  # not cleared until decided
    DISMISSED = "dismissed"  # another person: the request may be cleared
    UPHELD = "upheld"  # the same person again: never cleared


class MatchOn(models.TextChoices):
    """What a request shares with another account."""

    DOCUMENT_NUMBER = "document_number"
    NAME_BIRTH_DATE_COUNTRY = "name_birth_date_country"


def document_storage() -> Storage:
    """STORAGES["documents"]: local files in the demo, an S3-compatible store by configuration
    (a callable, so that the migrations name no backend; Django calls it as the models load)."""
    return storages["documents"]


class VerificationRequest(models.Model):
    """A person asks for one kind of verification and uploads its documents; the authority's
    record_verification decides it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verification_requests"
    )
    kind = models.CharField(max_length=16, choices=VerificationKind.choices)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField()
    # The identity document's number (the duplicate check compares it across accounts).
    document_number = models.CharField(max_length=64, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="claimed, for citizenship")
    flag = models.CharField(max_length=16, choices=FlagState.choices, default=FlagState.NONE)
    # The other accounts it matched: [{"person": id, "on": MatchOn}, ...]
    matches = models.JSONField(default=list)
    flag_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    flag_note = models.TextField(blank=True)
    verification = models.OneToOneField(
        Verification, null=True, blank=True, on_delete=models.PROTECT, related_name="request"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_kind",
            )
        ]


class VerificationDocument(models.Model):
    """An uploaded file: served to the person and the authority only, each read audited."""

    request = models.ForeignKey(
        VerificationRequest, on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(storage=document_storage, max_length=200)
    content_type = models.CharField(max_length=32)  # sniffed from its first bytes, not claimed
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    digest = models.CharField(max_length=64, unique=True)  # sha256 of the secret, never the secret
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()  # the absolute expiry
    # The idle expiry counts from here (VIP_TOKEN_IDLE_MINUTES); kept to the minute.
    last_used_at = models.DateTimeField()


class Delegation(models.Model):
    """A sponsor lets a licensed agency act for him (the competence problem)."""

    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations"
    )
    agency = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clients"
    )
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sponsor"],
                condition=models.Q(revoked_at=None),
                name="one_agency_per_sponsor",
            )
        ]

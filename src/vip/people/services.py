"""Accounts, tokens, profiles, verifications and delegations."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from vip.audit import seals
from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.clock import now, today
from vip.communities.models import Community
from vip.errors import Conflict, Forbidden, Invalid, NotFound, role_required
from vip.matching import indexes
from vip.notifications.models import NotificationKind as NoticeKind
from vip.notifications.services import notify
from vip.people import rules
from vip.people.models import (
    SENSITIVE_VERIFICATIONS,
    STAFF_ROLES,
    ApiToken,
    Block,
    Delegation,
    FlagState,
    MigrantProfile,
    RequestStatus,
    Role,
    SponsorProfile,
    User,
    Verification,
    VerificationDocument,
    VerificationKind,
    VerificationRequest,
    VerificationResult,
    document_storage,
)
from vip.people.selectors import (
    duplicates,
    live_tokens,
    may_ask_verification,
    may_assign_household,
    may_be_cleared,
    may_create_account,
    may_decide_flag,
    may_delegate,
    may_import_people,
    may_record_verification,
    may_state_profile,
    visible_document,
    visible_person,
    visible_request,
)
from vip.policy.sectors import check_sectors


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def check_password_strength(password: str, user: User) -> None:
    """Django's validators (AUTH_PASSWORD_VALIDATORS: length, common, numeric, similar to the
    person's e-mail or name), wherever a password is set."""
    try:
        validate_password(password, user)
    except ValidationError as refused:
        reasons = [str(m) for m in refused.messages]
        if any(e.code == "password_too_short" for e in refused.error_list):
            raise Invalid(
                "PASSWORD_TOO_SHORT", "a password has at least 8 characters", {"reasons": reasons}
            ) from None
        raise Invalid("PASSWORD_TOO_WEAK", " ".join(reasons), {"reasons": reasons}) from None


def check_new_account(
    *,
    email: str,
    password: str,
    role: str,
    full_name: str,
    birth_date: dt.date | None,
    community_code: str | None = None,
    created_by: User | None = None,
    by_operator: bool = False,
) -> Community | None:
    """Everything an account is checked for before anyone looks whether its e-mail is taken, so
    that no refusal tells whether it is (sign-up answers the same either way). His community."""
    if role not in Role.values:
        raise Invalid("ROLE_UNKNOWN", f"unknown role {role!r}")
    if not (by_operator or may_create_account(created_by, role)):
        raise role_required(Role.AUTHORITY)
    try:
        validate_email(email)
    except ValidationError:
        raise Invalid("EMAIL_INVALID", f"{email!r} is not an e-mail address") from None
    check_password_strength(password, User(username=email, email=email, full_name=full_name))
    if birth_date is not None and birth_date > today():
        raise Invalid("BIRTH_DATE_IN_FUTURE", "a birth date lies in the past")
    community = None
    if community_code:
        community = Community.objects.filter(code=community_code).first()
        if community is None:
            raise Invalid("COMMUNITY_UNKNOWN", f"no community {community_code!r}")
    if role == Role.OFFICER and community is None:
        raise Invalid("OFFICER_NEEDS_COMMUNITY", "an officer is made with their community")
    return community


@transaction.atomic(durable=True)
def create_account(
    *,
    email: str,
    password: str,
    role: str,
    full_name: str,
    birth_date: dt.date | None,
    country: str,
    citizenship: str = "",
    community_code: str | None = None,
    created_by: User | None = None,
    by_operator: bool = False,
) -> User:
    """Sign-up makes sponsors and migrants; staff roles need an authority, or the operator at the
    shell (`by_operator`: `vip createuser` and the demo's loader, who hold the database already)."""
    community = check_new_account(
        email=email,
        password=password,
        role=role,
        full_name=full_name,
        birth_date=birth_date,
        community_code=community_code,
        created_by=created_by,
        by_operator=by_operator,
    )
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict("EMAIL_TAKEN", "an account with this e-mail exists")
    user = User(
        username=email.lower(),
        email=email.lower(),
        role=role,
        full_name=full_name,
        birth_date=birth_date,
        country=country.upper(),
        citizenship=citizenship.upper(),
        community=community,
        is_staff=role in STAFF_ROLES,
    )
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise Conflict("EMAIL_TAKEN", "an account with this e-mail exists") from None
    if role == Role.MIGRANT:
        MigrantProfile.objects.create(user=user)
    elif role == Role.SPONSOR:
        SponsorProfile.objects.create(user=user, household=f"user-{user.pk}")
    audit.record(
        actor=created_by or user,
        action=Action.PERSON_CREATED,
        object_type=Subject.USER,
        object_id=user.pk,
        data={"role": role},
    )
    indexes.note_changed(user.pk)
    return user


@transaction.atomic(durable=True)
def issue_token(*, user: User) -> str:
    """A new bearer token for a person who has logged in (vip.people.login.authenticate)."""
    secret = secrets.token_urlsafe(32)
    at = now()
    ApiToken.objects.create(
        user=user,
        digest=_digest(secret),
        created_at=at,
        expires_at=at + dt.timedelta(days=settings.VIP_TOKEN_TTL_DAYS),
        last_used_at=at,
    )
    audit.record(
        actor=user, action=Action.TOKEN_ISSUED, object_type=Subject.USER, object_id=user.pk
    )
    return secret


USE_NOTED_EVERY = dt.timedelta(minutes=1)


def token_for(secret: str) -> ApiToken | None:
    """The live token with this secret (selectors.live_tokens); its use is noted, once a minute
    at most."""
    token = live_tokens().select_related("user").filter(digest=_digest(secret)).first()
    at = now()
    if token is not None and token.last_used_at < at - USE_NOTED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    return token


@transaction.atomic(durable=True)
def revoke_token(*, user: User, token_id: int) -> None:
    """A person ends one of his own tokens (any other is not found)."""
    deleted, _ = ApiToken.objects.filter(pk=token_id, user=user).delete()
    if not deleted:
        raise NotFound("TOKEN_NOT_FOUND", "no such token of yours")
    audit.record(
        actor=user,
        action=Action.TOKEN_REVOKED,
        object_type=Subject.USER,
        object_id=user.pk,
        data={"token": token_id},
    )


@transaction.atomic
def revoke_tokens(*, user: User, reason: str) -> int:
    """Every token of the person ends: his password was changed or reset."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    audit.record(
        actor=user,
        action=Action.TOKENS_REVOKED,
        object_type=Subject.USER,
        object_id=user.pk,
        data={"reason": reason, "count": deleted},
    )
    return deleted


@transaction.atomic(durable=True)
def change_password(*, user: User, current: str, new: str) -> None:
    """The person's new password, checked like any other; it ends all his tokens."""
    if not user.check_password(current):
        raise Invalid("BAD_CREDENTIALS", "the current password is wrong")
    check_password_strength(new, user)
    user.set_password(new)
    user.save(update_fields=["password"])
    revoke_tokens(user=user, reason="password_changed")


def _record_login_event(action: Action, *, email: str, address: str, via: str) -> None:
    """The event names the account when there is one, else a digest of what was typed (the log
    keeps no e-mail nor anything a person typed by mistake in its place). Its object id."""
    user = User.objects.filter(email__iexact=email).first()
    object_type, object_id = (
        (Subject.USER, str(user.pk)) if user else (Subject.LOGIN, _digest(email.lower())[:16])
    )
    audit.record(
        actor=None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        data={"via": via, "address": address},
    )


@transaction.atomic
def record_login_failure(*, email: str, address: str, via: str) -> None:
    _record_login_event(Action.LOGIN_FAILED, email=email, address=address, via=via)


@transaction.atomic
def record_lockout(*, email: str, address: str, via: str, window: int) -> None:
    """Once per e-mail, address and window, however often a locked login is tried again (the
    log is not flooded by an attacker knocking on a locked door)."""
    if cache.add(f"vip:lockout:{_digest(email.lower())}:{address}", True, timeout=window):
        _record_login_event(Action.LOGIN_LOCKED_OUT, email=email, address=address, via=via)


@transaction.atomic
def record_login(*, user: User, address: str, via: str) -> None:
    audit.record(
        actor=user,
        action=Action.LOGIN_SUCCEEDED,
        object_type=Subject.USER,
        object_id=user.pk,
        data={"via": via, "address": address},
    )


MIGRANT_FIELDS = {
    "languages",
    "sectors",
    "countries_worked",
    "home_annual_earnings",
    "home_currency",
    "interests",
    "preferences",
    "available_from",
    "jurisdictions",
    "heritage",
    "religion",
    "wants_other_adults",
    "pay_expectation",
    "housing_need",
    "soft_criteria",
}
SPONSOR_FIELDS = {
    "household_size",
    "housing",
    "languages",
    "interests",
    "heritage",
    "religion",
    "adults",
    "soft_criteria",
}


@transaction.atomic(durable=True)
def update_profile(user: User, changes: dict[str, Any]) -> MigrantProfile | SponsorProfile:
    profile: MigrantProfile | SponsorProfile
    if not may_state_profile(user):
        raise Forbidden("NO_PROFILE", f"the role {user.role} has no sponsor or migrant profile")
    if user.role == Role.MIGRANT:
        profile, fields = user.migrant_profile, MIGRANT_FIELDS
    else:
        profile, fields = user.sponsor_profile, SPONSOR_FIELDS
    unknown = set(changes) - fields
    if unknown:
        raise Invalid(
            "PROFILE_FIELD_UNKNOWN",
            f"not a profile field of the role {user.role}: {sorted(unknown)}",
        )
    check_sectors(s["code"] for s in changes.get("sectors") or [])
    for field, value in changes.items():
        setattr(profile, field, value)
    profile.save(update_fields=list(changes))
    audit.record(
        actor=user,
        action=Action.PROFILE_UPDATED,
        object_type=Subject.USER,
        object_id=user.pk,
        data={"fields": sorted(changes)},
    )
    indexes.note_changed(user.pk)
    return profile


@transaction.atomic(durable=True)
def record_verification(
    *,
    authority: User,
    person_id: int,
    kind: VerificationKind,
    result: VerificationResult,
    note: str = "",
    country: str = "",
) -> Verification:
    """The authority's result; it decides the person's pending request of the kind, if any
    (refused while the request is flagged as another account's), and tells him. A clear
    citizenship records the country (the one given, else the one his request or his account
    claims)."""
    person = visible_person(authority, person_id)  # 404 before 403: no hint that he exists
    if not may_record_verification(authority):
        raise role_required(Role.AUTHORITY)
    if kind not in VerificationKind.values:
        raise Invalid("VERIFICATION_KIND_UNKNOWN", f"unknown verification kind {kind!r}")
    request = (
        VerificationRequest.objects.select_for_update()
        .filter(person=person, kind=kind, status=RequestStatus.PENDING)
        .first()
    )
    if request is not None and result == VerificationResult.CLEAR and not may_be_cleared(request):
        raise Conflict(
            "VERIFICATION_FLAGGED",
            "the request matches another account: decide the flag before clearing it",
        )
    country = (country or (request.country if request else "") or person.citizenship).upper()
    if kind == VerificationKind.CITIZENSHIP and result == VerificationResult.CLEAR:
        if not country:
            raise Invalid("CITIZENSHIP_COUNTRY_MISSING", "a citizenship is of a country")
        person.citizenship = country
        person.save(update_fields=["citizenship"])
    verification = Verification.objects.create(
        person=person, kind=kind, result=result, verified_by=authority, verified_at=now(), note=note
    )
    # Sensitive results are not copied into the audit log: it records that, not what (the seal
    # binds the row without showing it).
    data: dict[str, Any] = (
        {"kind": kind} if kind in SENSITIVE_VERIFICATIONS else {"kind": kind, "result": result}
    )
    data["sealed"] = seals.seal(seals.VERIFICATIONS, [verification.pk])
    if request is not None:
        request.status, request.verification = RequestStatus.DECIDED, verification
        request.save(update_fields=["status", "verification"])
        data["request"] = request.pk
        notify(person, NoticeKind.VERIFICATION_DECIDED, request.pk)
    audit.record(
        actor=authority,
        action=Action.VERIFICATION_RECORDED,
        object_type=Subject.USER,
        object_id=person.pk,
        data=data,
    )
    indexes.note_changed(person.pk)
    return verification


def _check_document(upload: File) -> tuple[rules.DocumentType, str]:  # type: ignore[type-arg]
    """The upload's type, sniffed from its first bytes, and its SHA-256; refused when too large
    or not a PDF, JPEG or PNG."""
    limit = settings.VIP_DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise Invalid(
            "DOCUMENT_TOO_LARGE", f"a document has at most {limit} bytes", {"max_bytes": limit}
        )
    upload.seek(0)
    found = rules.sniff(upload.read(rules.HEAD_BYTES))
    if found is None:
        raise Invalid(
            "DOCUMENT_TYPE_NOT_ALLOWED",
            "a document is a PDF, a JPEG or a PNG",
            {"allowed": [str(t) for t in rules.DocumentType]},
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return found, digest.hexdigest()


@transaction.atomic(durable=True)
def ask_verification(
    *,
    person: User,
    kind: VerificationKind,
    upload: File,  # type: ignore[type-arg]
    document_number: str = "",
    country: str = "",
) -> VerificationRequest:
    """A person asks to be verified of a kind and uploads a document for it (more documents join
    his pending request). An identity request carries the document's number; a citizenship
    request the country. A request matching another account is flagged for the authority."""
    if not may_ask_verification(person):
        raise Forbidden("VERIFICATION_NOT_FOR_STAFF", "staff are vetted outside the portal")
    if kind not in VerificationKind.values:
        raise Invalid("VERIFICATION_KIND_UNKNOWN", f"unknown verification kind {kind!r}")
    number = rules.document_number(document_number)
    User.objects.select_for_update(no_key=True).get(pk=person.pk)  # one request of his at a time
    request = VerificationRequest.objects.filter(
        person=person, kind=kind, status=RequestStatus.PENDING
    ).first()
    if kind == VerificationKind.IDENTITY and not (number or (request and request.document_number)):
        raise Invalid("DOCUMENT_NUMBER_MISSING", "an identity document has a number")
    country = country or (request.country if request else "") or person.citizenship
    if kind == VerificationKind.CITIZENSHIP and not country:
        raise Invalid("CITIZENSHIP_COUNTRY_MISSING", "a citizenship is of a country")
    content_type, sha256 = _check_document(upload)
    if request is None:
        request = VerificationRequest(person=person, kind=kind, created_at=now())
    request.document_number = number or request.document_number
    request.country = country.upper() if kind == VerificationKind.CITIZENSHIP else ""
    newly_flagged = False
    if request.flag == FlagState.NONE:
        request.matches = duplicates(person, request.document_number)
        if request.matches:
            request.flag, newly_flagged = FlagState.OPEN, True
    request.save()
    # The file is written last, once every check has passed; the row that names it commits with
    # this transaction (a failed commit leaves an unnamed file, never a row without its file).
    stored = document_storage().save(
        f"verifications/{person.pk}/{secrets.token_hex(16)}{rules.EXTENSIONS[content_type]}",
        upload,
    )
    document = VerificationDocument.objects.create(
        request=request,
        file=stored,
        content_type=content_type,
        size=upload.size or 0,
        sha256=sha256,
        uploaded_at=now(),
    )
    # The log keeps what was sent (its digest), never the document's number.
    audit.record(
        actor=person,
        action=Action.VERIFICATION_REQUESTED,
        object_type=Subject.VERIFICATION_REQUEST,
        object_id=request.pk,
        data={"kind": kind, "document": document.pk, "sha256": sha256},
    )
    if newly_flagged:
        audit.record(
            actor=None,
            action=Action.VERIFICATION_FLAGGED,
            object_type=Subject.VERIFICATION_REQUEST,
            object_id=request.pk,
            data={"matches": request.matches},
        )
    return request


@transaction.atomic(durable=True)
def decide_flag(
    *, authority: User, request_id: int, upheld: bool, note: str = ""
) -> VerificationRequest:
    """The authority decides whether a flagged request's person has another account: dismissed,
    the request may be cleared; upheld, it never is (she records it not clear)."""
    request = visible_request(authority, request_id)
    if not may_decide_flag(authority):
        raise role_required(Role.AUTHORITY)
    request = VerificationRequest.objects.select_for_update().get(pk=request.pk)
    if request.flag != FlagState.OPEN:
        raise Conflict("FLAG_NOT_OPEN", "this request has no flag waiting for a decision")
    request.flag = FlagState.UPHELD if upheld else FlagState.DISMISSED
    request.flag_decided_by, request.flag_note = authority, note
    request.save(update_fields=["flag", "flag_decided_by", "flag_note"])
    audit.record(
        actor=authority,
        action=Action.VERIFICATION_FLAG_DECIDED,
        object_type=Subject.VERIFICATION_REQUEST,
        object_id=request.pk,
        data={"flag": request.flag},
    )
    return request


@transaction.atomic(durable=True)
def read_document(*, reader: User, document_id: int) -> VerificationDocument:
    """A document, to the person who uploaded it and the authority (to others not found); each
    read is itself audited, as a sensitive read."""
    document = visible_document(reader, document_id)
    audit.record(
        actor=reader,
        action=Action.SENSITIVE_READ,
        object_type=Subject.USER,
        object_id=document.request.person_id,
        data={"document": document.pk, "kind": document.request.kind},
    )
    return document


@transaction.atomic(durable=True)
def read_verifications(*, reader: User, person_id: int) -> list[Verification]:
    """Himself and the authority read a person's verifications (to others he is not found);
    reading criminal-record and health results is itself audited."""
    person = visible_person(reader, person_id)
    found = list(person.verifications.all())
    if any(v.kind in SENSITIVE_VERIFICATIONS for v in found):
        audit.record(
            actor=reader,
            action=Action.SENSITIVE_READ,
            object_type=Subject.USER,
            object_id=person.pk,
            data={"kinds": sorted({v.kind for v in found if v.kind in SENSITIVE_VERIFICATIONS})},
        )
    return found


@transaction.atomic(durable=True)
def delegate(*, sponsor: User, agency_id: int) -> Delegation:
    if not may_delegate(sponsor):
        raise role_required(Role.SPONSOR)
    agency = User.objects.filter(pk=agency_id, role=Role.AGENCY, is_active=True).first()
    if agency is None:
        raise NotFound("AGENCY_NOT_FOUND", "no licensed agency with this id")
    # One delegation change at a time.
    User.objects.select_for_update(no_key=True).get(pk=sponsor.pk)
    replaced = Delegation.objects.filter(sponsor=sponsor, revoked_at=None).select_related("agency")
    for earlier in replaced:  # the agency he leaves is told, as on a revocation
        notify(earlier.agency, NoticeKind.DELEGATION_REVOKED, sponsor.pk)
    replaced.update(revoked_at=now())
    delegation = Delegation.objects.create(sponsor=sponsor, agency=agency, created_at=now())
    notify(agency, NoticeKind.DELEGATION_CREATED, sponsor.pk)
    audit.record(
        actor=sponsor,
        action=Action.DELEGATION_CREATED,
        object_type=Subject.USER,
        object_id=sponsor.pk,
        data={"agency": agency.pk},
    )
    return delegation


@transaction.atomic(durable=True)
def revoke_delegation(*, sponsor: User) -> Delegation:
    """A sponsor ends his agency's right to act for him; he acts alone until he delegates again."""
    if not may_delegate(sponsor):
        raise role_required(Role.SPONSOR)
    # One delegation change at a time.
    User.objects.select_for_update(no_key=True).get(pk=sponsor.pk)
    current = Delegation.objects.filter(sponsor=sponsor, revoked_at=None).first()
    if current is None:
        raise NotFound("DELEGATION_NOT_FOUND", "no agency acts for you")
    current.revoked_at = now()
    current.save(update_fields=["revoked_at"])
    notify(current.agency, NoticeKind.DELEGATION_REVOKED, sponsor.pk)
    audit.record(
        actor=sponsor,
        action=Action.DELEGATION_REVOKED,
        object_type=Subject.USER,
        object_id=sponsor.pk,
        data={"agency": current.agency_id},
    )
    return current


@transaction.atomic(durable=True)
def import_people(
    *, actor: User, sponsors: list[dict[str, Any]], migrants: list[dict[str, Any]]
) -> int:
    """A bulk intake (synthetic demo data, or a migration from another register): one audit
    event for the batch; verification results as the source states them. Each person keeps the
    password hash his register gives (`password_hash`) or gets an unusable one of his own (a
    random string nobody knows: he sets a password by a reset), never one shared hash."""
    from django.contrib.auth.hashers import make_password

    if not may_import_people(actor):
        raise role_required(Role.AUTHORITY)
    communities = {c.code: c for c in Community.objects.all()}
    existing = set(
        User.objects.filter(email__in=[p["email"] for p in sponsors + migrants]).values_list(
            "email", flat=True
        )
    )
    sponsors = [p for p in sponsors if p["email"] not in existing]
    migrants = [p for p in migrants if p["email"] not in existing]
    users = User.objects.bulk_create(
        [
            User(
                username=p["email"],
                email=p["email"],
                password=p.get("password_hash") or make_password(None),
                role=role,
                full_name=p["full_name"],
                birth_date=p["birth_date"],
                country=p["country"],
                citizenship=p.get("citizenship", ""),
                community=communities.get(p.get("community", "")),
            )
            for role, batch in ((Role.SPONSOR, sponsors), (Role.MIGRANT, migrants))
            for p in batch
        ],
        batch_size=2000,
    )
    by_email = {u.email: u for u in User.objects.filter(email__in=[u.email for u in users])}
    SponsorProfile.objects.bulk_create(
        [
            SponsorProfile(
                user=by_email[p["email"]],
                household=f"user-{by_email[p['email']].pk}",
                **{k: p[k] for k in ("household_size", "housing", "languages", "interests")},
            )
            for p in sponsors
        ],
        batch_size=2000,
    )
    MigrantProfile.objects.bulk_create(
        [
            MigrantProfile(
                user=by_email[p["email"]],
                **{k: p[k] for k in MIGRANT_FIELDS - {"preferences"} if k in p},
            )
            for p in migrants
        ],
        batch_size=2000,
    )
    at = now()
    checks = [(p, VerificationKind.IDENTITY, True) for p in sponsors + migrants]
    checks += [(p, VerificationKind.CITIZENSHIP, True) for p in sponsors]
    checks += [(p, VerificationKind.CRIMINAL_RECORD, p["clean_record"]) for p in migrants]
    checks += [(p, VerificationKind.HEALTH, p["health_clear"]) for p in migrants]
    verifications = Verification.objects.bulk_create(
        [
            Verification(
                person=by_email[p["email"]],
                kind=kind,
                result=VerificationResult.CLEAR if ok else VerificationResult.NOT_CLEAR,
                verified_by=actor,
                verified_at=at,
                note="bulk intake",
            )
            for p, kind, ok in checks
        ],
        batch_size=5000,
    )
    audit.record(
        actor=actor,
        action=Action.PEOPLE_IMPORTED,
        object_type=Subject.BATCH,
        object_id=at.isoformat(),
        data={
            "sponsors": len(sponsors),
            "migrants": len(migrants),
            "sealed": seals.seal(seals.VERIFICATIONS, [v.pk for v in verifications]),
        },
    )
    indexes.note_rebuild()
    return len(users)


@transaction.atomic(durable=True)
def block(*, user: User, person_id: int) -> Block:
    """Either side blocks the other: the ranking never shows them to each other again."""
    other = User.objects.filter(pk=person_id, is_active=True).first()
    if other is None or other.pk == user.pk:
        raise NotFound("PERSON_NOT_FOUND", "no such person")
    return make_block(user=user, other=other)


def make_block(*, user: User, other: User) -> Block:
    """The block itself, inside the caller's transaction (`block`, or from a conversation)."""
    if {user.role, other.role} != {Role.SPONSOR, Role.MIGRANT}:
        raise Invalid("BLOCK_NOT_A_COUNTERPART", "a sponsor blocks a migrant, a migrant a sponsor")
    found, _ = Block.objects.get_or_create(
        blocker=user, blocked=other, defaults={"created_at": now()}
    )
    audit.record(
        actor=user, action=Action.PERSON_BLOCKED, object_type=Subject.USER, object_id=other.pk
    )
    indexes.note_blocks()
    return found


@transaction.atomic(durable=True)
def assign_household(*, user: User, person_id: int, household: str) -> SponsorProfile:
    """A person is visible here to himself, the authority and his community's officer."""
    person = User.objects.filter(pk=person_id).first()
    if person is None or not (person.pk == user.pk or may_assign_household(user, person)):
        raise NotFound("PERSON_NOT_FOUND", "no such person")
    if not may_assign_household(user, person):
        raise Forbidden("NOT_COMMUNITY_OFFICER", "the authority or the community's officer does")
    profile = SponsorProfile.objects.select_for_update().filter(user=person).first()
    if profile is None:
        raise Invalid("NOT_A_SPONSOR", "only a sponsor has a household in the program")
    profile.household = household
    profile.save(update_fields=["household"])
    audit.record(
        actor=user,
        action=Action.HOUSEHOLD_ASSIGNED,
        object_type=Subject.USER,
        object_id=person.pk,
        data={"household": household},
    )
    return profile

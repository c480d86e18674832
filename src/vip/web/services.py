"""The portal's own state: which e-mail addresses allauth counts as confirmed, and the second
factors the demo's staff are enrolled with."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.db.models import QuerySet

from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.errors import role_required
from vip.people.models import Role, User
from vip.web.selectors import may_confirm_addresses


@transaction.atomic(durable=True)
def confirm_addresses(
    *, actor: User | None, users: QuerySet[User], by_operator: bool = False
) -> int:
    """People whose address a register already confirmed (the demo's, an intake's, the staff an
    operator creates at the shell: `by_operator`, no actor) log in at once; allauth asks everyone
    else to confirm first. One audit event for the batch."""
    if not (by_operator or (actor is not None and may_confirm_addresses(actor))):
        raise role_required(Role.AUTHORITY)
    unconfirmed = users.exclude(pk__in=EmailAddress.objects.values("user_id"))
    created = EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True)
        for u in unconfirmed.only("pk", "email")
    )
    audit.record(
        actor=actor,
        action=Action.ADDRESSES_CONFIRMED,
        object_type=Subject.USER,
        object_id=actor.pk if actor is not None else (created[0].user_id if created else ""),
        data={"count": len(created), "by_operator": by_operator},
    )
    return len(created)


@transaction.atomic(durable=True)
def enrol_second_factor(*, actor: User, users: QuerySet[User], secret: str) -> int:
    """The demo's staff log in at once with the known TOTP secret (VIP_DEMO_TOTP_SECRET), and
    hold recovery codes; everyone else enrols his own in the portal. One audit event."""
    if not may_confirm_addresses(actor):  # who vouches for the demo's logins
        raise role_required(Role.AUTHORITY)
    enrolled = 0
    for user in users.exclude(pk__in=Authenticator.objects.values("user_id")):
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)
        enrolled += 1
    audit.record(
        actor=actor,
        action=Action.SECOND_FACTORS_ENROLLED,
        object_type=Subject.USER,
        object_id=actor.pk,
        data={"count": enrolled},
    )
    return enrolled

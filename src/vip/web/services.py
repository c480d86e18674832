"""The portal's own state: which e-mail addresses allauth counts as confirmed."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import QuerySet

from vip.audit import services as audit
from vip.audit.models import Action
from vip.errors import role_required
from vip.people.models import Role, User
from vip.web.selectors import may_confirm_addresses


@transaction.atomic(durable=True)
def confirm_addresses(*, actor: User, users: QuerySet[User]) -> int:
    """People whose address a register already confirmed (the demo's, an intake's) log in at once;
    allauth asks everyone else to confirm first. One audit event for the batch."""
    if not may_confirm_addresses(actor):
        raise role_required(Role.AUTHORITY)
    unconfirmed = users.exclude(pk__in=EmailAddress.objects.values("user_id"))
    created = EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True)
        for u in unconfirmed.only("pk", "email")
    )
    audit.record(
        actor=actor,
        action=Action.ADDRESSES_CONFIRMED,
        object_type="user",
        object_id=actor.pk,
        data={"count": len(created)},
    )
    return len(created)

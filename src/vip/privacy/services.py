"""A person's export of what the platform holds about him."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from vip.audit import services as audit
from vip.audit.models import Action
from vip.clock import now
from vip.people.models import User
from vip.privacy.selectors import held_about


@transaction.atomic(durable=True)
def export(*, user: User) -> dict[str, Any]:
    """Everything held about the caller (his own, to himself only), as JSON; the export is
    audited."""
    found = {"exported_at": now(), **held_about(user)}
    audit.record(
        actor=user,
        action=Action.PERSON_EXPORTED,
        object_type="user",
        object_id=user.pk,
        data={"tables": sorted(found["records"])},
    )
    return found

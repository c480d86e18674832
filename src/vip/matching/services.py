"""Recording a sponsor's request."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from vip.audit import services as audit
from vip.clock import now
from vip.errors import Forbidden, Invalid
from vip.matching.models import SponsorshipRequest
from vip.people.models import Role, User
from vip.people.selectors import acts_for


@transaction.atomic(durable=True)
def create_request(*, user: User, sponsor: User, criteria: dict[str, Any]) -> SponsorshipRequest:
    if sponsor.role != Role.SPONSOR or not acts_for(user, sponsor):
        raise Forbidden("NOT_SPONSOR", "only a sponsor, or his agency, states a request")
    age_min, age_max = criteria.get("age_min"), criteria.get("age_max")
    if age_min is not None and age_max is not None and age_min > age_max:
        raise Invalid("AGE_RANGE_EMPTY", "age.min is above age.max")
    request = SponsorshipRequest.objects.create(
        sponsor=sponsor, created_by=user, created_at=now(), **criteria
    )
    audit.record(user, "request.created", "request", request.pk, {"sponsor": sponsor.pk})
    return request

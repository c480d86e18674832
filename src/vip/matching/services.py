"""Recording a sponsor's request."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from vip.agreements.services import parse_gain_share
from vip.audit import services as audit
from vip.clock import now
from vip.errors import Forbidden, Invalid
from vip.matching import engine
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
    if "gain_share" in criteria:
        criteria["gain_share"] = str(parse_gain_share(criteria["gain_share"]))
    pay = criteria.pop("annual_pay", None)
    if pay is not None:
        currency = sponsor.community.jurisdiction.currency if sponsor.community else None
        if pay.currency != currency:
            raise Invalid("CURRENCY_MISMATCH", f"pay where the sponsor lives is in {currency}")
        criteria["annual_pay"] = pay.amount
    request = SponsorshipRequest.objects.create(
        sponsor=sponsor, created_by=user, created_at=now(), **criteria
    )
    audit.record(user, "request.created", "request", request.pk, {"sponsor": sponsor.pk})
    engine.on_commit_changed(sponsor.pk)
    return request


@transaction.atomic(durable=True)
def record_candidates_shown(*, reader: User, request: SponsorshipRequest, shown: list[int]) -> None:
    """Candidates shown as "verified clean record" or "verified health clearance" reveal those
    results: one sensitive read per response, naming the migrants shown."""
    kinds = ["criminal_record"] * request.clean_record + ["health"] * request.health_clearance
    if kinds and shown:
        audit.record(
            reader,
            "sensitive.read",
            "request",
            request.pk,
            {"kinds": kinds, "migrants": shown},
        )

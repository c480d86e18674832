"""Through the API: a hundred and twenty sponsors apply for Bishal at once. Every application in
flight reads its facts before any commits (the test holds the audit log's head, where every
state change queues), so the losers can only learn of the winner from the unique index."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from vip.agreements.models import Agreement
from vip.audit.models import AuditHead
from vip.audit.services import verify
from vip.calendar import add_months
from vip.people import services as people
from vip.people.models import User
from vip.visas.models import LIVE, Visa

from tests.cast import signed_agreement
from tests.concurrency.crowd import neighbours, towns
from tests.concurrency.race import ATTEMPTS, CONNECTIONS, Outcome, race, wait_until_waiting

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def application(agreement: Agreement, token: str) -> tuple[int, Any]:
    body = {
        "agreement": agreement.pk,
        "insurance": {
            "provider": "Mutual Health",
            "policy_number": f"MH-{agreement.pk}",
            "coverage": {"amount": 100_000_00, "currency": "USD"},
            "valid_from": agreement.start_date.isoformat(),
            "valid_to": add_months(agreement.start_date, 12).isoformat(),
        },
    }
    response = Client(raise_request_exception=False).post(
        "/api/v1/visas",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    try:
        return response.status_code, json.loads(response.content)
    except ValueError:  # not JSON: a server error page
        return response.status_code, response.content.decode(errors="replace")[:200]


def test_a_race_lost_through_the_api_is_a_409_json_error_never_a_500(
    story: dict[str, User],
) -> None:
    bishal, authority = story["bishal"], story["authority"]
    sponsors = neighbours(authority, ATTEMPTS, towns(authority, ATTEMPTS))
    agreements = [signed_agreement(sponsor, bishal) for sponsor in sponsors]
    tokens = [people.issue_token(user=s) for s in sponsors]
    attempts = [partial(application, a, t) for a, t in zip(agreements, tokens, strict=True)]
    in_flight = min(CONNECTIONS, ATTEMPTS)

    with ThreadPoolExecutor(max_workers=1) as starter:
        with transaction.atomic():
            AuditHead.objects.select_for_update().get(chain="US")  # the visas' chain
            running = starter.submit(race, attempts)
            wait_until_waiting(in_flight)
        outcomes: list[Outcome[tuple[int, Any]]] = running.result()

    responses = [o.value for o in outcomes if o.value is not None]
    assert len(responses) == ATTEMPTS
    assert 500 not in {status for status, _ in responses}
    created = [body for status, body in responses if status == 201]
    conflicts = [body for status, body in responses if status == 409]
    assert len(created) + len(conflicts) == ATTEMPTS
    assert [body["status"] for body in created].count("approved") == 1
    assert len(conflicts) == in_flight - 1
    for body in conflicts:
        assert set(body) == {"error"}
        assert body["error"]["code"] == "MIGRANT_HAS_ACTIVE_VISA"
        assert set(body["error"]) == {"code", "message", "details"}
    for body in created:
        if body["status"] != "approved":
            reasons = [r["code"] for r in body["decision"]["reasons"]]
            # His other agreements lapse when the winner's visa is granted (seen unless the
            # winner committed between this application's two reads).
            assert body["status"] == "refused"
            assert reasons in (
                ["MIGRANT_HAS_ACTIVE_VISA"],
                ["MIGRANT_HAS_ACTIVE_VISA", "AGREEMENT_NOT_SIGNED"],
            )
    assert Visa.objects.filter(migrant=bishal, status__in=LIVE).count() == 1
    assert verify().ok

"""`vip bench api`'s seed (on PostgreSQL: it COPYs), at its smallest: every request the load
sends succeeds once against it, as the load sends it (the bodies are vip.bench.api's) -- a full
page of candidates for each ranking sponsor, an offer both sign, a visa's events and a month's
earnings, the visa read -- so an error under load is the load's, not the seed's."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from vip.bench.api import (
    EVENTS,
    MIN_MIGRANTS,
    PAGE,
    SIGNERS,
    SPONSORS_WITH_TOKENS,
    TARGETS,
    WRITERS,
    earnings_report,
    event_report,
    offer_terms,
    seed,
)
from vip.clock import today
from vip.visas.models import Visa

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def call(method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
    response = getattr(Client(), method)(
        f"/api/v1{path}",
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    return response.status_code, json.loads(response.content)


def test_every_request_of_the_mix_succeeds_on_the_seed() -> None:
    people = seed(MIN_MIGRANTS, WRITERS + SIGNERS)["people"]
    by_role = {r: [p for p in people if p["role"] == r] for r in ("sponsor", "signer", "migrant")}
    assert [len(by_role[r]) for r in by_role] == [SPONSORS_WITH_TOKENS, SIGNERS, WRITERS]

    for sponsor in by_role["sponsor"][:3]:
        path = f"/requests/{sponsor['request']}/candidates?limit={PAGE}"
        status, found = call("get", path, sponsor["token"])
        assert (status, len(found["results"])) == (200, PAGE)

    signer = by_role["signer"][0]
    assert len(signer["targets"]) == TARGETS
    target = signer["targets"][0]
    status, offered = call(
        "post", "/agreements", signer["token"], offer_terms(target["id"], today())
    )
    assert status == 201
    for token in (signer["token"], target["token"]):
        assert call("post", f"/agreements/{offered['id']}/sign", token)[0] == 200
    assert call("get", "/me/agreements", target["token"])[1]["results"][0]["status"] == "signed"

    migrant = by_role["migrant"][0]
    visa = migrant["visa"]
    assert Visa.objects.get(pk=visa).status == "active"
    assert call("get", f"/visas/{visa}", migrant["token"])[0] == 200
    for kind in EVENTS:
        status, reported = call(
            "post", f"/visas/{visa}/events", migrant["token"], event_report(kind, today())
        )
        assert status == 200
        assert reported["visa"]["status"] == "active"
    for months_after in (0, 1):
        body = earnings_report(migrant["first_month"], months_after)
        assert call("post", f"/visas/{visa}/earnings", migrant["token"], body)[0] == 201
    assert call("get", "/me/opportunities", migrant["token"])[0] == 200

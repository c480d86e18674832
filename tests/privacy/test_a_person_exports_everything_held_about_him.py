"""GET /me/export: everything the platform holds about the caller, as JSON (his account, his
profile, his verifications, his visas and their history, his money, what the log says of him),
nothing of anyone else's and no secret; the export is itself audited."""

from __future__ import annotations

import json

from vip.audit.models import Action, AuditEvent
from vip.people.models import User

from tests.audit.story import live_a_visa
from tests.cast import Api


def test_bishal_exports_his_visa_his_money_and_what_the_log_says_of_him(
    story: dict[str, User], api: Api
) -> None:
    bishal = story["bishal"]
    live_a_visa(story["anthony"], bishal, story["authority"])

    status, exported = api.get("/me/export", bishal)

    assert status == 200
    assert exported["person"]["email"] == bishal.email
    assert {
        "people.MigrantProfile",
        "people.Verification",
        "people.ApiToken",
        "agreements.Agreement",
        "visas.Visa",
        "visas.StatusChange",
        "visas.EarningsReport",
        "ledger.Account",
        "ledger.Leg",
        "audit.AuditEvent",
    } <= set(exported["records"])
    assert story["carol"].email not in json.dumps(exported)
    rows = [exported["person"], *(r for found in exported["records"].values() for r in found)]
    assert not [r for r in rows if {"password", "digest", "seal"} & set(r)]
    assert AuditEvent.objects.filter(action=Action.PERSON_EXPORTED, actor=bishal).count() == 1


def test_a_person_without_a_visa_exports_his_account_and_profile(
    story: dict[str, User], api: Api
) -> None:
    status, exported = api.get("/me/export", story["carol"])

    assert status == 200
    assert exported["person"]["full_name"] == "Carol"
    assert "people.SponsorProfile" in exported["records"]
    assert "visas.Visa" not in exported["records"]

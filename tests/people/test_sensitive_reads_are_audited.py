"""Reading a criminal record or a health result leaves a `sensitive.read` trace in the audit
log, and the trace records that it was read, never what it says."""

from __future__ import annotations

import json

import pytest

from vip.audit.models import AuditEvent
from vip.people import services as people
from vip.people.models import User

from tests.cast import Api

pytestmark = pytest.mark.django_db


def test_reading_a_criminal_record_and_health_result_is_audited_without_the_result(
    story: dict[str, User],
) -> None:
    authority, bishal = story["authority"], story["bishal"]
    people.record_verification(
        authority=authority, person_id=bishal.pk, kind="criminal_record", result="not_clear"
    )
    before = AuditEvent.objects.count()

    found = people.read_verifications(reader=authority, person_id=bishal.pk)

    assert {(v.kind, v.result) for v in found} >= {("criminal_record", "not_clear")}
    event = AuditEvent.objects.order_by("id").last()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.actor_id, event.object_type, event.object_id) == (
        "sensitive.read",
        authority.pk,
        "user",
        str(bishal.pk),
    )
    assert event.data == {"kinds": ["criminal_record", "health"]}
    for recorded in AuditEvent.objects.filter(object_id=str(bishal.pk)):
        if recorded.action in {"sensitive.read", "verification.recorded"}:
            text = json.dumps(recorded.data)
            if "criminal_record" in text or "health" in text:
                assert "clear" not in text, recorded.data


def test_the_person_reading_his_own_results_is_audited_too(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    people.read_verifications(reader=bishal, person_id=bishal.pk)

    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.action, event.actor_id) == ("sensitive.read", bishal.pk)


def test_reading_only_identity_checks_is_not_a_sensitive_read(story: dict[str, User]) -> None:
    anthony, authority = story["anthony"], story["authority"]
    before = AuditEvent.objects.count()

    found = people.read_verifications(reader=authority, person_id=anthony.pk)

    assert {v.kind for v in found} == {"identity", "citizenship"}
    assert AuditEvent.objects.count() == before


def test_reading_them_through_the_api_is_audited_too(story: dict[str, User], api: Api) -> None:
    authority, bishal = story["authority"], story["bishal"]
    api.token(authority)
    before = AuditEvent.objects.order_by("id").last()
    assert before is not None

    status, results = api.get(f"/people/{bishal.pk}/verifications", as_=authority)

    assert status == 200
    assert {r["kind"] for r in results} == {"identity", "criminal_record", "health"}
    assert list(AuditEvent.objects.filter(id__gt=before.pk).values_list("action", "data")) == [
        ("sensitive.read", {"kinds": ["criminal_record", "health"]})
    ]

"""With the guards stepped around, a criminal-record result flipped in place, a verification
removed or one slipped in without its event: the chain is untouched, and verify still names it,
because the log holds a digest of every verification it recorded."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from vip.audit.models import Action, AuditEvent
from vip.audit.services import verify
from vip.demo import synthetic
from vip.people.models import User, Verification
from vip.people.services import import_people

from tests.audit.guard import drop_append_only_guard

pytestmark = pytest.mark.django_db


def recorded_at(row: Verification) -> int:
    return next(
        e.seq
        for e in AuditEvent.objects.filter(action=Action.VERIFICATION_RECORDED)
        if row.pk in e.data["sealed"]["ids"]
    )


@pytest.mark.owner
def test_a_criminal_record_result_flipped_in_place_is_named_with_its_event(
    story: dict[str, User],
) -> None:
    row = story["bishal"].verifications.get(kind="criminal_record")
    drop_append_only_guard()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_verification SET result = 'not_clear' WHERE id = %s", [row.pk]
        )

    report = verify()

    assert (report.ok, report.broken_at) == (False, recorded_at(row))
    assert (
        report.problem
        == f"verification {row.pk} recorded at #{report.broken_at} was changed in place"
    )


@pytest.mark.owner
def test_a_removed_verification_is_named(story: dict[str, User]) -> None:
    row = story["bishal"].verifications.get(kind="health")
    drop_append_only_guard()
    Verification.objects.filter(pk=row.pk).delete()

    report = verify()

    assert report.problem == f"verification {row.pk} recorded at #{recorded_at(row)} was removed"


def test_a_verification_slipped_in_without_its_event_is_named(story: dict[str, User]) -> None:
    forged = Verification.objects.create(
        person=story["carol"],
        kind="criminal_record",
        result="clear",
        verified_by=story["authority"],
        verified_at=story["bishal"].verifications.first().verified_at,  # type: ignore[union-attr]
    )

    report = verify()

    assert not report.ok
    assert report.problem == f"verification {forged.pk} was never recorded in the log"


@pytest.mark.owner
def test_a_result_flipped_in_a_bulk_import_is_noticed(story: dict[str, User]) -> None:
    sponsors, migrants = synthetic.people(2, 6, ["springfield"], seed=7)
    import_people(actor=story["authority"], sponsors=sponsors, migrants=migrants)
    assert verify().ok
    row = Verification.objects.filter(note="bulk intake", result="not_clear").first() or (
        Verification.objects.filter(note="bulk intake").last()
    )
    assert row is not None
    drop_append_only_guard()
    flip = "clear" if row.result == "not_clear" else "not_clear"
    Verification.objects.filter(pk=row.pk).update(result=flip)

    report = verify()

    assert not report.ok
    assert "recorded at #" in report.problem and report.problem.endswith("was changed in place")


def test_the_log_binds_a_sensitive_result_without_telling_it(story: dict[str, User]) -> None:
    rows = story["bishal"].verifications.filter(kind__in=["criminal_record", "health"])
    events = [
        e
        for e in AuditEvent.objects.filter(action=Action.VERIFICATION_RECORDED)
        if set(e.data["sealed"]["ids"]) & {r.pk for r in rows}
    ]

    assert len(events) == 2
    for event in events:
        assert "result" not in event.data
        assert "clear" not in json.dumps(event.data)
        assert len(event.data["sealed"]["digest"]) == 64

"""A hundred and twenty sign-ups at once on an empty audit log: one chain, no fork, no gap."""

from __future__ import annotations

from functools import partial

import pytest

from vip.audit.models import AuditEvent, AuditHead
from vip.audit.services import GENESIS, verify
from vip.demo.people import DEMO_PASSWORD, years_ago
from vip.people import services as people
from vip.people.models import Role

from tests.concurrency.race import ATTEMPTS, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_hundred_simultaneous_state_changes_append_one_unbroken_audit_chain() -> None:
    assert not AuditEvent.objects.exists() and not AuditHead.objects.exists()
    attempts = [
        partial(
            people.create_account,
            email=f"bishal.{i:03d}@test.vip.example",
            password=DEMO_PASSWORD,
            role=Role.MIGRANT,
            full_name=f"Bishal {i:03d}",
            birth_date=years_ago(26),
            country="NP",
        )
        for i in range(ATTEMPTS)
    ]

    outcomes = race(attempts)

    assert all(o.value is not None for o in outcomes)
    report = verify()
    assert (report.ok, report.events, report.problem) == (True, ATTEMPTS, "")
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, ATTEMPTS + 1))
    links = [e.prev_hash for e in events]
    assert links == [GENESIS] + [e.hash for e in events[:-1]]
    assert len(set(links)) == ATTEMPTS  # no two events claim the same predecessor: no fork
    head = AuditHead.objects.get()
    assert (head.seq, head.hash) == (ATTEMPTS, events[-1].hash)

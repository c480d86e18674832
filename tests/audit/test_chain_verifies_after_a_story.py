"""After the life of a visa, the audit log is one unbroken chain covering every step."""

from __future__ import annotations

from itertools import pairwise

import pytest

from vip.audit.models import AuditEvent, AuditHead
from vip.audit.services import GENESIS, verify
from vip.people.models import User

from tests.audit.story import live_a_visa

pytestmark = pytest.mark.django_db


def test_the_audit_chain_verifies_after_a_visa_lives_its_life(story: dict[str, User]) -> None:
    visa = live_a_visa(story["anthony"], story["bishal"], story["authority"])
    assert visa.status == "deported"

    report = verify()

    assert (report.ok, report.broken_at, report.problem) == (True, None, "")
    events = list(AuditEvent.objects.order_by("id"))
    heads = {h.chain: h.seq for h in AuditHead.objects.all()}
    assert report.events == len(events) == sum(heads.values())
    assert set(heads) == {"", "US"}  # the authority's own acts, and the visa's jurisdiction's
    for chain in heads:
        links = [e for e in events if e.chain == chain]
        assert [e.seq for e in links] == list(range(1, heads[chain] + 1))
        assert links[0].prev_hash == GENESIS
        assert all(b.prev_hash == a.hash for a, b in pairwise(links))
    assert {e.chain for e in events if e.object_type == "visa"} == {"US"}
    actions = {e.action for e in events if e.object_type == "visa"}
    assert {
        "visa.status_changed",
        "incident.reported",
        "earnings.reported",
        "support.opened",
        "support.ended",
        "fine.levied",
        "enforcement.opened",
        "deportation.ordered",
        "deportation.executed",
    } <= actions
    assert any(e.action == "ledger.posted" for e in events)

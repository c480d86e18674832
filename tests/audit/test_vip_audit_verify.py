"""`vip audit verify --json`: exit 0 on an intact chain, 1 with the first broken seq otherwise."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from vip.audit.models import AuditEvent, AuditHead
from vip.cli import app
from vip.people.models import User

from tests.audit.guard import drop_append_only_guard

pytestmark = pytest.mark.django_db


def test_vip_audit_verify_exits_zero_on_an_intact_chain(story: dict[str, User]) -> None:
    result = CliRunner().invoke(app, ["audit", "verify", "--json"])

    assert result.exit_code == 0, result.output
    events = AuditEvent.objects.count()
    heads = AuditHead.objects.order_by("chain")
    assert json.loads(result.stdout) == {
        "ok": True,
        "events": events,
        "broken_at": None,
        "chain": "",
        "problem": "",
        "chains": {h.chain: {"events": h.seq, "head": h.hash} for h in heads},
    }
    assert set(json.loads(result.stdout)["chains"]) == {"", "US"}  # the authority's, and the US


@pytest.mark.owner
def test_vip_audit_verify_exits_one_and_names_the_altered_event(story: dict[str, User]) -> None:
    drop_append_only_guard()
    AuditEvent.objects.filter(chain="", seq=3).update(action="nothing.happened")

    result = CliRunner().invoke(app, ["audit", "verify", "--json"])

    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout) == {
        "ok": False,
        "events": 3,
        "broken_at": 3,
        "chain": "",
        "problem": "#3 was altered",
        "chains": {},  # "" comes first, and is broken
    }

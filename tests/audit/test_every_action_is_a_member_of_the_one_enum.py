"""Audit actions and what an event is about are declared once (vip.audit.models.Action and
Subject), named after what they store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import vip
from vip.audit.models import Action, AuditEvent, Subject
from vip.people.models import User

from tests.audit.story import live_a_visa


def test_each_action_is_subject_dot_what_happened_and_named_after_its_value() -> None:
    for action in Action:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", action.value), action
        assert action.name == action.value.upper().replace(".", "_")


@pytest.mark.django_db
def test_a_visas_life_records_only_actions_of_the_enum(story: dict[str, User]) -> None:
    live_a_visa(story["anthony"], story["bishal"], story["authority"])

    stored = set(AuditEvent.objects.values_list("action", flat=True))

    assert stored <= set(Action.values)
    assert set(AuditEvent.objects.values_list("object_type", flat=True)) <= set(Subject.values)
    assert {Action.VISA_STATUS_CHANGED, Action.LEDGER_POSTED, Action.FINE_LEVIED} <= stored


def test_no_event_names_its_subject_by_a_bare_string() -> None:
    source = Path(vip.__file__).parent
    bare = [
        f"{path.relative_to(source)}: {match}"
        for path in source.rglob("*.py")
        for match in re.findall(r'object_type="[a-z_]+"', path.read_text())
    ]
    assert bare == []

"""In production a notice's e-mail waits in the database queue until `vip worker` runs it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings
from typer.testing import CliRunner

from vip.agreements import services as agreements
from vip.cli import app
from vip.notifications.models import Notification

from tests.cast import seed_terms

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_vip_worker_sends_the_queued_emails() -> None:
    from vip.demo.people import load_story

    with override_settings(TASKS=DATABASE_QUEUE):
        story = load_story()
        anthony, bishal = story["anthony"], story["bishal"]
        agreements.offer(user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms())
        assert mail.outbox == []
        assert Notification.objects.get(person=bishal).emailed_at is None
        result = CliRunner().invoke(app, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    assert [m.to for m in mail.outbox] == [[bishal.email]]
    assert Notification.objects.get(person=bishal).emailed_at is not None

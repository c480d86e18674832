"""Verifications become sealed records (vip.audit.seals): each row gets its nonce, the rows that
exist already are vouched for by one audit event, and the table becomes append-only."""

from __future__ import annotations

from django.db import migrations, models, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

import vip.audit.seals
from vip.audit import guards


def seal_existing(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Only a database that had verifications before seals has anything to do here; it uses the
    present audit services, as a fresh database never runs this part."""
    Verification = apps.get_model("people", "Verification")
    ids = list(Verification.objects.order_by("id").values_list("id", flat=True))
    if not ids:
        return
    from vip.audit import seals
    from vip.audit import services as audit
    from vip.audit.models import Action, Subject

    for pk in ids:  # AddField gave every old row the same nonce: each gets its own
        Verification.objects.filter(pk=pk).update(seal=seals.new_seal())
    with transaction.atomic(using=schema_editor.connection.alias):
        audit.record(
            actor=None,
            action=Action.VERIFICATIONS_SEALED,
            object_type=Subject.BATCH,
            object_id="people.verification",
            data={"sealed": seals.seal(seals.VERIFICATIONS, ids)},
        )


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guards.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_matching_engine"),
        ("audit", "0005_verifications_sealed_action"),
        ("ledger", "0003_guards"),
    ]

    operations = [
        migrations.AddField(
            model_name="verification",
            name="seal",
            field=models.CharField(default=vip.audit.seals.new_seal, editable=False, max_length=32),
        ),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]

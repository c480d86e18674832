"""Append-only audit log and ledger legs; zero-sum ledger transactions on PostgreSQL."""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from vip.audit import guards


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guards.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_initial"), ("audit", "0002_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

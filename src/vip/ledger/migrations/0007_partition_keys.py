"""Each ledger transaction and each of its legs carry the transaction's jurisdiction and time,
the partition key of the layout in vip.ledger.partitioning. Existing rows are filled in: a
dividend's from its payout's jurisdiction, any other from the chain of its posting's audit
event ("" when it has none), a leg's from its transaction. The tables are append-only, so the
guards are lifted for the fill (the owner's migration, in its one transaction) and put back:
on SQLite a table rebuilt by a migration loses its triggers anyway."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from vip.audit import guards

FILL = [
    "UPDATE ledger_transaction SET jurisdiction = COALESCE("
    "(SELECT d.jurisdiction_id FROM ledger_dividendpayout d"
    " WHERE d.transaction_id = ledger_transaction.id),"
    "(SELECT e.chain FROM audit_auditevent e WHERE e.action = 'ledger.posted'"
    " AND e.object_type = 'transaction'"
    " AND e.object_id = CAST(ledger_transaction.id AS TEXT)), '')",
    "UPDATE ledger_leg SET"
    " jurisdiction = (SELECT t.jurisdiction FROM ledger_transaction t"
    " WHERE t.id = ledger_leg.transaction_id),"
    " at = (SELECT t.at FROM ledger_transaction t WHERE t.id = ledger_leg.transaction_id)",
]


def fill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guards.remove_append_only(schema_editor.connection)
    with schema_editor.connection.cursor() as cursor:
        for statement in FILL:
            cursor.execute(statement)
    guards.install(schema_editor.connection)


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guards.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0018_chain_per_jurisdiction"),
        ("ledger", "0006_social_dividend"),
    ]

    operations = [
        migrations.AddField(
            model_name="transaction",
            name="jurisdiction",
            field=models.CharField(blank=True, default="", max_length=8),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="leg",
            name="jurisdiction",
            field=models.CharField(blank=True, default="", max_length=8),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="leg",
            name="at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="leg",
            name="at",
            field=models.DateTimeField(),
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]

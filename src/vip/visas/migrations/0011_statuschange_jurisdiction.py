"""Each status change carries its visa's jurisdiction (the partition key of the layout in
vip.visas.partitioning): added empty, filled from the visas, then required."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0002_initial"),
        ("visas", "0010_event_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="statuschange",
            name="jurisdiction",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="communities.jurisdiction",
            ),
        ),
        migrations.RunSQL(
            "UPDATE visas_statuschange SET jurisdiction_id = (SELECT jurisdiction_id FROM"
            " visas_visa WHERE visas_visa.id = visas_statuschange.visa_id)",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="jurisdiction",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="communities.jurisdiction",
            ),
        ),
    ]

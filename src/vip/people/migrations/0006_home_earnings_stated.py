"""A migrant's home earnings are unstated (null) until he states them: an offer needs them, for
they are the gain share's baseline (a baseline of 0 would take the share of all he earns)."""

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0005_token_last_used")]

    operations = [
        migrations.AlterField(
            model_name="migrantprofile",
            name="home_annual_earnings",
            field=models.BigIntegerField(blank=True, null=True),
        ),
    ]

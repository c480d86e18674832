# Rule 11: home earnings in the migrant's own currency, the rate locked by the offer.

import datetime as dt

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def same_currency(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Agreements made before rule 11 had his earnings in the host's currency: rate 1, as stated."""
    Agreement = apps.get_model("agreements", "Agreement")
    for agreement in Agreement.objects.all().iterator():
        agreement.stated_home_earnings = agreement.home_annual_earnings
        agreement.stated_home_currency = agreement.currency
        agreement.rate_effective = agreement.created_at.date()
        agreement.rate_source = "the same currency"
        agreement.save(
            update_fields=[
                "stated_home_earnings",
                "stated_home_currency",
                "rate_effective",
                "rate_source",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0005_offers_have_a_life"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="stated_home_earnings",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="agreement",
            name="stated_home_currency",
            field=models.CharField(default="", max_length=3),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="agreement",
            name="rate_numerator",
            field=models.BigIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="agreement",
            name="rate_denominator",
            field=models.BigIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="agreement",
            name="rate_effective",
            field=models.DateField(default=dt.date(2025, 1, 1)),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="agreement",
            name="rate_source",
            field=models.CharField(default="", max_length=300),
            preserve_default=False,
        ),
        migrations.RunPython(same_currency, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.CheckConstraint(
                condition=models.Q(("rate_numerator__gt", 0), ("rate_denominator__gt", 0)),
                name="rate_is_positive",
            ),
        ),
    ]

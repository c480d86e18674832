"""The forms of a visa's pages: insurance, an event's date, a month's earnings, a complaint. Shape
only; the visa services decide, and their refusals come back onto these forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.money import Money
from vip.visas.models import ComplaintCategory
from vip.visas.services import InsuranceTerms
from vip.web.forms import minor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COMPLAINT_WORDS: dict[ComplaintCategory, Promise] = {
    ComplaintCategory.SAFETY: _("Safety at work or at home"),
    ComplaintCategory.ABUSE: _("Abuse or threats"),
    ComplaintCategory.PAY: _("Wages not paid, or paid late"),
    ComplaintCategory.HOUSING: _("Housing"),
    ComplaintCategory.OTHER: _("Something else"),
}
COMPLAINTS = [(category.value, COMPLAINT_WORDS[category]) for category in ComplaintCategory]


def amount_field(label: Any, currency: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("In %(currency)s.") % {"currency": currency},
    )


class InsuranceForm(forms.Form):
    """The health insurance the sponsor holds for the migrant; kept in the session as JSON until
    he sends the application."""

    provider = forms.CharField(label=_("Insurer"), max_length=200)
    policy_number = forms.CharField(label=_("Policy number"), max_length=100)
    valid_from = forms.DateField(label=_("Covers from"), widget=DATE)
    valid_to = forms.DateField(label=_("Covers until"), widget=DATE)

    def __init__(self, *args: Any, currency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["coverage"] = amount_field(_("Coverage"), currency)
        self.order_fields(["provider", "policy_number", "coverage"])

    def draft(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.cleaned_data.items()}

    @staticmethod
    def terms(draft: dict[str, str], currency: str) -> InsuranceTerms:
        return InsuranceTerms(
            provider=draft["provider"],
            policy_number=draft["policy_number"],
            coverage=Money(minor(Decimal(draft["coverage"]), currency), currency),
            valid_from=dt.date.fromisoformat(draft["valid_from"]),
            valid_to=dt.date.fromisoformat(draft["valid_to"]),
        )


class EventForm(forms.Form):
    occurred_on = forms.DateField(label=_("On which day did it happen?"), widget=DATE)


class EarningsForm(forms.Form):
    month = forms.DateField(
        label=_("Which month?"),
        help_text=_("Any day of the month: the report is for the whole month."),
        widget=DATE,
    )

    def __init__(self, *args: Any, currency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"] = amount_field(_("What you earned that month"), currency)

    def money(self) -> Money:
        return Money(minor(self.cleaned_data["amount"], self.currency), self.currency)


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=COMPLAINTS, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The immigration office reads every complaint."),
    )

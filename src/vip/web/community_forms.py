"""The officer's forms: they check the shape of what he types; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, e-mail, housing or household"),
        max_length=100,
        required=False,
        help_text=_("Part of it is enough, in any case."),
    )


class HouseholdForm(forms.Form):
    household = forms.CharField(max_length=64, strip=True)

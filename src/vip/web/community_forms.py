"""The officer's forms: they check the shape of what he types; the services decide."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vip.communities.rules import Limits


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, e-mail, housing or household"),
        max_length=100,
        required=False,
        help_text=_("Part of it is enough, in any case."),
    )


class HouseholdForm(forms.Form):
    household = forms.CharField(max_length=64, strip=True)


class RulesForm(forms.Form):
    """Every limit stated whole: an empty cap is no cap."""

    effective_from = forms.DateField(
        label=_("Takes effect on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    max_active_visas = forms.IntegerField(
        label=_("Cap on active visas"), min_value=0, required=False
    )
    max_per_1000_residents = forms.DecimalField(
        label=_("Cap per 1,000 residents"),
        min_value=0,
        max_digits=8,
        decimal_places=3,
        required=False,
    )
    max_per_household = forms.IntegerField(
        label=_("Cap per household"), min_value=0, required=False
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors allowed (none ticked: every sector)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    open_zone = forms.BooleanField(label=_("An open zone: no cap applies"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sectors"].choices = choices  # type: ignore[attr-defined]

    def limits(self) -> Limits:
        d = self.cleaned_data
        rate = d["max_per_1000_residents"]
        return Limits(
            max_active_visas=d["max_active_visas"],
            max_per_1000_residents=None if rate is None else Fraction(str(rate)),
            max_per_household=d["max_per_household"],
            allowed_sectors=frozenset(d["sectors"]) or None,
            open_zone=d["open_zone"],
        )

    def changes(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "max_active_visas": d["max_active_visas"],
            "max_per_1000_residents": d["max_per_1000_residents"],
            "max_per_household": d["max_per_household"],
            "allowed_sectors": sorted(d["sectors"]) or None,
            "open_zone": d["open_zone"],
        }

"""The dated parameters of each jurisdiction, as the authority reads them: each one's meaning,
unit and reference (policy/parameters/schema.yaml), and its values by the day each takes effect,
the one in force today marked, in the reader's language (money, numbers, dates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.clock import today
from vip.communities.selectors import Standing
from vip.people.models import Role
from vip.policy.parameters import Jurisdiction, Parameter, Unit, jurisdictions
from vip.web.access import for_role
from vip.web.templatetags.vip_format import day, in_unit

UNITS: dict[Unit, Promise] = {
    Unit.BOOLEAN: _("yes or no"),
    Unit.COUNT: _("a count"),
    Unit.CURRENCY_MINOR: _("money"),
    Unit.DATE: _("a date"),
    Unit.DAY: _("days"),
    Unit.FRACTION: _("a share"),
    Unit.MONTH: _("months"),
    Unit.YEAR: _("years"),
}


class JurisdictionForm(forms.Form):
    jurisdiction = forms.ChoiceField(
        label=_("Country"),
        choices=lambda: [(j.code, j.name) for j in jurisdictions().values()],
    )


@dataclass(frozen=True)
class Value:
    start: str
    text: str
    standing: Standing


@dataclass(frozen=True)
class ParameterRow:
    name: str
    description: str
    unit: str
    reference: str
    values: list[Value]


def values_of(parameter: Parameter, currency: str, on: dt.date) -> list[Value]:
    in_force = max((start for start, _v in parameter.values if start <= on), default=None)
    return [
        Value(
            day(start),
            in_unit(value, parameter.unit, currency),
            Standing.CURRENT
            if start == in_force
            else (Standing.SCHEDULED if start > on else Standing.PAST),
        )
        for start, value in parameter.values
    ]


def rows_of(found: Jurisdiction, on: dt.date) -> list[ParameterRow]:
    return [
        ParameterRow(
            p.name,
            p.description,
            str(UNITS[p.unit]),
            p.reference,
            values_of(p, found.currency, on),
        )
        for p in found.parameters.values()
    ]


@for_role(Role.AUTHORITY)
def parameters(request: HttpRequest) -> HttpResponse:
    known = jurisdictions()
    choice = JurisdictionForm(request.GET or {"jurisdiction": next(iter(known))})
    code = choice.cleaned_data["jurisdiction"] if choice.is_valid() else next(iter(known))
    found = known[code]
    context = {
        "choice": choice,
        "jurisdiction": found,
        "rows": rows_of(found, today()),
    }
    return render(request, "web/authority/parameters.html", context)

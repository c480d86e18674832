"""The sponsor's agency, on his own page: which agency acts for him and since when, revoking it
(a page that says what it does first; the agency is told), and choosing a licensed agency found
by name. Only the sponsor himself uses these pages: an agency acting for him is told so."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vip.errors import DomainError
from vip.people import services
from vip.people.models import Role
from vip.people.selectors import agencies_named, delegation_of
from vip.web import refusals
from vip.web.access import for_role, person

FOUND = 10


class AgencySearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("The agency's name"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Part of it is enough. Only licensed agencies are listed."),
    )


@for_role(Role.SPONSOR)
def agency(request: HttpRequest) -> HttpResponse:
    sponsor = person(request)
    current = delegation_of(sponsor)
    search = AgencySearchForm(request.GET or None)
    text = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
    found = agencies_named(text)[:FOUND] if text else []
    context = {"current": current, "search": search, "text": text, "found": found}
    return render(request, "web/sponsor/agency.html", context)


@for_role(Role.SPONSOR)
def revoke(request: HttpRequest) -> HttpResponse:
    sponsor = person(request)
    current = delegation_of(sponsor)
    if current is None:
        return redirect("web:sponsor_agency")
    if request.method == "POST":
        services.revoke_delegation(sponsor=sponsor)
        messages.success(
            request, _("%(name)s no longer acts for you.") % {"name": current.agency.full_name}
        )
        return redirect("web:sponsor_agency")
    return render(request, "web/sponsor/agency_revoke.html", {"current": current})


@for_role(Role.SPONSOR)
@require_POST
def choose(request: HttpRequest, agency_id: int) -> HttpResponse:
    try:
        made = services.delegate(sponsor=person(request), agency_id=agency_id)
    except DomainError as error:  # no longer licensed: said on his page
        refusal = refusals.Refusal.of(error)
        messages.error(request, f"{refusal.message} ({refusal.code})")
    else:
        messages.success(request, _("%(name)s now acts for you.") % {"name": made.agency.full_name})
    return redirect("web:sponsor_agency")

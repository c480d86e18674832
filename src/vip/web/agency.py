"""The agency's workspace: its clients (the sponsors who delegated to it), each with his progress
through his own task list, ten a page; "act for" a client, which opens his own pages under a banner
that names him (web/acting.py), and "stop"."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vip.people.models import Role
from vip.people.selectors import clients_of
from vip.web import acting
from vip.web.access import for_role, person
from vip.web.paging import sliced
from vip.web.selectors import client_progress


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("A client's name"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Part of it is enough, in any case."),
    )


@for_role(Role.AGENCY)
def clients(request: HttpRequest) -> HttpResponse:
    search = ClientSearchForm(request.GET or None)
    text = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
    found = clients_of(person(request)).filter(sponsor__full_name__icontains=text)
    page = sliced(request, found)
    context = {
        "clients": [client_progress(delegation) for delegation in page.items],
        "count": found.count(),
        "search": search,
        "text": text,
        "page": page,
    }
    return render(request, "web/agency/clients.html", context)


@for_role(Role.AGENCY)
@require_POST
def act(request: HttpRequest, sponsor_id: int) -> HttpResponse:
    """Only for a client whose delegation is live: any other sponsor is not found."""
    delegation = clients_of(person(request)).filter(sponsor_id=sponsor_id).first()
    if delegation is None:
        raise Http404("SPONSOR_NOT_FOUND")
    acting.start(request, delegation.sponsor)
    return redirect("web:sponsor")


@for_role(Role.AGENCY)
@require_POST
def stop(request: HttpRequest) -> HttpResponse:
    acting.stop(request)
    return redirect("web:agency")

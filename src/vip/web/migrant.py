"""The migrant's pages: his task list, his profile, the sponsors' requests that fit him."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vip.errors import DomainError
from vip.matching import services as matching
from vip.matching.models import SponsorshipRequest
from vip.people import services
from vip.people.models import Role
from vip.web import refusals
from vip.web.access import for_role, person
from vip.web.forms import ProfileForm
from vip.web.paging import paged
from vip.web.selectors import migrant_tasks, reference


@for_role(Role.MIGRANT)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "web/migrant/dashboard.html", {"tasks": migrant_tasks(person(request))})


@for_role(Role.MIGRANT)
def profile(request: HttpRequest) -> HttpResponse:
    migrant = person(request)
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial=ProfileForm.initial_from(migrant.migrant_profile),
    )
    if form.is_bound and form.is_valid():
        try:
            services.update_profile(migrant, form.changes())
        except DomainError as error:
            refusals.show_on_form(form, error, {})
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("web:migrant")
    return render(request, "web/migrant/profile.html", {"form": form})


@for_role(Role.MIGRANT)
def opportunities(request: HttpRequest) -> HttpResponse:
    migrant = person(request)
    try:
        page = paged(
            request,
            lambda offset, size: matching.search_opportunities(
                user=migrant, limit=size, offset=offset
            ),
        )
    except DomainError as error:  # too many searches: said on the page
        refused = {"refusal": refusals.Refusal.of(error)}
        return render(request, "web/migrant/opportunities.html", refused, status=error.status)
    found = SponsorshipRequest.objects.select_related("sponsor__community__jurisdiction").in_bulk(
        [r.id for r in page.items]
    )
    context = {
        "results": [
            {"request": found[r.id], "ranked": r, "ref": reference(r.id)} for r in page.items
        ],
        "page": page,
    }
    return render(request, "web/migrant/opportunities.html", context)

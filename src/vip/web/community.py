"""The community officer's workspace: his community's dashboard, its households (found by search)
and the editor of its rules, with a preview of a change's effect before it is saved."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vip.clock import today
from vip.communities import selectors
from vip.communities import services as communities
from vip.errors import DomainError, NotFound
from vip.people import services as people
from vip.people.models import Role
from vip.web import refusals
from vip.web.access import for_role, person
from vip.web.community_forms import HouseholdForm, RulesForm, SearchForm
from vip.web.forms import sector_choices


@for_role(Role.OFFICER)
def dashboard(request: HttpRequest) -> HttpResponse:
    found = selectors.dashboard(person(request), today())
    return render(request, "web/community/dashboard.html", {"board": found})


@for_role(Role.OFFICER)
def households(request: HttpRequest) -> HttpResponse:
    officer = person(request)
    community = selectors.community_of_officer(officer)
    search = SearchForm(request.GET or None)
    text = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
    found = selectors.residents_matching(officer, text)
    context = {"community": community, "search": search, "text": text, "found": found}
    return render(request, "web/community/households.html", context)


@for_role(Role.OFFICER)
@require_POST
def household(request: HttpRequest, person_id: int) -> HttpResponse:
    form = HouseholdForm(request.POST)
    back = reverse("web:community_households") + "?" + urlencode({"q": request.POST.get("q", "")})
    if not form.is_valid():
        messages.error(request, _("Give the household's reference (up to 64 characters)."))
        return redirect(back)
    try:
        people.assign_household(
            user=person(request), person_id=person_id, household=form.cleaned_data["household"]
        )
    except NotFound:
        raise  # not one of his residents: the page is not found, as to anyone
    except DomainError as error:
        refusal = refusals.Refusal.of(error)
        messages.error(request, f"{refusal.message} ({refusal.code})")
    else:
        messages.success(request, _("The household is recorded."))
    return redirect(back)


STANDINGS = {
    selectors.Standing.PAST: gettext_lazy("past"),
    selectors.Standing.CURRENT: gettext_lazy("in force"),
    selectors.Standing.SCHEDULED: gettext_lazy("scheduled"),
    selectors.Standing.SUPERSEDED: gettext_lazy("replaced before it took effect"),
}


@for_role(Role.OFFICER)
def rules(request: HttpRequest) -> HttpResponse:
    """Preview first (nothing saved), then save: the same form sent with `save`."""
    officer = person(request)
    community = selectors.community_of_officer(officer)
    choices = sector_choices(community.jurisdiction_id)
    form = RulesForm(request.POST or None, choices=choices)
    effect = None
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["effective_from"]
        try:
            if "save" in request.POST:
                communities.set_rules(
                    user=officer,
                    community_code=community.code,
                    effective_from=day,
                    **form.changes(),
                )
                messages.success(request, _("The new rules are saved."))
                return redirect("web:community_rules")
            effect = selectors.preview(officer, day, today(), form.limits())
        except NotFound:
            raise
        except DomainError as error:
            refusals.show_on_form(form, error, {"RULE_DATE_IN_PAST": "effective_from"})
    history = [(r, STANDINGS[s]) for r, s in selectors.rules_history(community, today())]
    context = {"community": community, "form": form, "effect": effect, "history": history}
    return render(request, "web/community/rules.html", context)

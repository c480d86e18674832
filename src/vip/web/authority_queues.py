"""The authority's queue of applications in review: oldest first, ten a page; each one's page
gives its reasons with their parameters and takes the decision with a note (decide_review)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.communities.models import Jurisdiction
from vip.errors import DomainError
from vip.people.models import Role
from vip.visas import services
from vip.visas.models import Status
from vip.visas.rules import REVIEW_OUTCOMES, Outcome
from vip.visas.selectors import visible_visa, visible_visas
from vip.web import refusals, visa_selectors
from vip.web.access import for_role, person
from vip.web.paging import sliced
from vip.web.selectors import reference

DECISIONS = {Outcome.APPROVED: gettext_lazy("Approve"), Outcome.REFUSED: gettext_lazy("Refuse")}


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[(outcome.value, DECISIONS[outcome]) for outcome in REVIEW_OUTCOMES],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


@for_role(Role.AUTHORITY)
def reviews(request: HttpRequest) -> HttpResponse:
    waiting = visible_visas(person(request)).filter(status=Status.REVIEW)
    codes = list(Jurisdiction.objects.order_by("code").values_list("code", flat=True))
    asked = request.GET.get("jurisdiction", "")
    if asked in codes:
        waiting = waiting.filter(community__jurisdiction_id=asked)
    page = sliced(
        request, waiting.select_related("sponsor", "migrant").order_by("applied_at", "pk")
    )
    context = {
        "visas": page.items,
        "count": waiting.count(),
        "jurisdiction": asked,
        "jurisdictions": codes,
        "page": page,
    }
    return render(request, "web/authority/reviews.html", context)


@for_role(Role.AUTHORITY)
def review(request: HttpRequest, visa_id: int) -> HttpResponse:
    authority = person(request)
    visa = visible_visa(authority, visa_id)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.decide_review(authority=authority, visa_id=visa.pk, **form.cleaned_data)
        except DomainError as error:
            refusals.show_on_form(form, error, {"OUTCOME_INVALID": "outcome"})
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("web:authority_reviews")
    context = {
        "visa": visa,
        "ref": reference(visa.pk),
        "reasons": visa_selectors.reasons(visa),
        "form": form,
        "open": visa.status == Status.REVIEW,
    }
    return render(request, "web/authority/review.html", context)

"""The sponsor's visa pages: insurance and the application (check your answers before it is
sent), the decision with every reason, the visa with its timeline, the reports he makes on it
(each confirmed with its consequences and their amounts first), and his money."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vip.agreements.selectors import visible_agreement
from vip.errors import DomainError
from vip.people.models import Role
from vip.visas import services
from vip.visas.selectors import visible_visa
from vip.web import refusals, visa_selectors
from vip.web.access import for_role, person, principal
from vip.web.names import status_name
from vip.web.reporting import report_page
from vip.web.selectors import reference
from vip.web.visa_forms import InsuranceForm

INSURANCE = "insurance_draft_%s"


@for_role(Role.SPONSOR, for_client=True)
def insurance(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = visible_agreement(person(request), agreement_id)
    key = INSURANCE % agreement.pk
    form = InsuranceForm(
        request.POST if request.method == "POST" else None,
        initial=request.session.get(key),
        currency=agreement.currency,
    )
    if form.is_bound and form.is_valid():
        request.session[key] = form.draft()
        return redirect("web:application", agreement.pk)
    return render(request, "web/sponsor/insurance.html", {"form": form, "agreement": agreement})


@for_role(Role.SPONSOR, for_client=True)
def application(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """Check your answers: the agreement's terms and the insurance, then send."""
    sponsor = person(request)
    agreement = visible_agreement(sponsor, agreement_id)
    draft = request.session.get(INSURANCE % agreement.pk)
    terms = InsuranceForm.terms(draft, agreement.currency) if draft else None
    refusal = None
    if request.method == "POST":
        try:
            visa = services.apply(user=sponsor, agreement_id=agreement.pk, insurance=terms)
        except DomainError as error:
            refusal = refusals.Refusal.of(error)
        else:
            return redirect("web:decision", visa.pk)
    context = {"agreement": agreement, "insurance": terms, "refusal": refusal}
    return render(request, "web/sponsor/application.html", context)


@for_role(Role.SPONSOR, for_client=True)
def decision(request: HttpRequest, visa_id: int) -> HttpResponse:
    visa = visible_visa(person(request), visa_id)
    context = {
        "visa": visa,
        "ref": reference(visa.pk),
        "status": status_name(visa.status),
        "reasons": visa_selectors.reasons(visa),
    }
    return render(request, "web/sponsor/decision.html", context)


@for_role(Role.SPONSOR, for_client=True)
def visa(request: HttpRequest, visa_id: int) -> HttpResponse:
    page = visa_selectors.visa_page(person(request), visa_id)
    return render(request, "web/sponsor/visa.html", {**page, "report_page": "web:report"})


@for_role(Role.SPONSOR, for_client=True)
def report(request: HttpRequest, visa_id: int, event: str) -> HttpResponse:
    return report_page(request, visa_id, event, "web:visa")


@for_role(Role.SPONSOR, for_client=True)
def money(request: HttpRequest) -> HttpResponse:
    books = visa_selectors.money_of(principal(request))
    return render(request, "web/money.html", {"books": books})

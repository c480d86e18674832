"""The migrant's visa pages: the visa and its timeline, his monthly earnings (the share shown
before he sends them), his complaints, leaving (which costs him nothing) and finding another
sponsor while his visa stays active."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vip.errors import DomainError
from vip.people.models import Role
from vip.visas import services
from vip.visas.selectors import earnings_share, visible_visa
from vip.web import refusals, visa_selectors
from vip.web.access import for_role, person
from vip.web.reporting import report_page
from vip.web.visa_forms import ComplaintForm, EarningsForm

ON_THE_MONTH = {
    "DATE_IN_FUTURE": "month",
    "DATE_BEFORE_VISA": "month",
    "EARNINGS_ALREADY_REPORTED": "month",
    "EARNINGS_MONTH_NOT_ENDED": "month",
    "EARNINGS_INVALID": "amount",
}


@for_role(Role.MIGRANT)
def visa(request: HttpRequest, visa_id: int) -> HttpResponse:
    page = visa_selectors.visa_page(person(request), visa_id)
    return render(request, "web/migrant/visa.html", {**page, "report_page": "web:migrant_report"})


@for_role(Role.MIGRANT)
def report(request: HttpRequest, visa_id: int, event: str) -> HttpResponse:
    return report_page(request, visa_id, event, "web:migrant_visa")


@for_role(Role.MIGRANT)
def earnings(request: HttpRequest, visa_id: int) -> HttpResponse:
    migrant = person(request)
    found = visible_visa(migrant, visa_id)
    form = EarningsForm(
        request.POST if request.method == "POST" else None, currency=found.currency()
    )
    context = {"form": form, "visa": found, "reports": found.earnings.order_by("-month")}
    if form.is_bound and form.is_valid():
        amount, month = form.money(), form.cleaned_data["month"]
        if "confirm" not in request.POST:
            share = earnings_share(found, amount)
            context |= {"amount": amount, "share": share, "keeps": amount - share, "month": month}
            return render(request, "web/migrant/earnings_confirm.html", context)
        try:
            services.report_earnings(user=migrant, visa_id=found.pk, month=month, amount=amount)
        except DomainError as error:
            refusals.show_on_form(form, error, ON_THE_MONTH)
        else:
            messages.success(request, _("Your earnings are reported."))
            return redirect("web:earnings", found.pk)
    return render(request, "web/migrant/earnings.html", context)


@for_role(Role.MIGRANT)
def complaints(request: HttpRequest, visa_id: int) -> HttpResponse:
    migrant = person(request)
    found = visible_visa(migrant, visa_id)
    form = ComplaintForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.file_complaint(user=migrant, visa_id=found.pk, **form.cleaned_data)
        except DomainError as error:
            refusals.show_on_form(form, error, {"COMPLAINT_CATEGORY_UNKNOWN": "category"})
        else:
            messages.success(request, _("Your complaint is sent to the immigration office."))
            return redirect("web:complaints", found.pk)
    filed = visa_selectors.complaints(migrant, found)
    context = {"form": form, "visa": found, "filed": filed}
    return render(request, "web/migrant/complaints.html", context)


@for_role(Role.MIGRANT)
def transfer(request: HttpRequest, visa_id: int) -> HttpResponse:
    page = visa_selectors.visa_page(person(request), visa_id)
    return render(request, "web/migrant/transfer.html", page)


@for_role(Role.MIGRANT)
def money(request: HttpRequest) -> HttpResponse:
    books = visa_selectors.money_of(person(request))
    return render(request, "web/money.html", {"books": books})

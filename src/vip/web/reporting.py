"""Reporting an event on a visa, for the sponsor, the migrant and the authority alike: the day
it happened, then a confirmation that states every consequence and its amount (foreseen by the
visa domain), then the report. A refusal comes back onto the form with its reason code's
message. Each page that uses it names its own visa page, where the report leads back."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vip.errors import DomainError
from vip.people.models import User
from vip.visas import services
from vip.visas.models import Event, Visa
from vip.visas.selectors import (
    foreseen_consequences,
    refuse_report,
    reportable_events,
    visible_visa,
)
from vip.web import refusals
from vip.web.access import person
from vip.web.visa_forms import EventForm
from vip.web.visa_selectors import consequences, report_name

ON_THE_DAY = {
    "DATE_IN_FUTURE": "occurred_on",
    "DATE_BEFORE_VISA": "occurred_on",
    "ARRIVAL_BEFORE_START": "occurred_on",
    "DEPORTATION_NOT_EFFECTIVE": "occurred_on",
}


def report_page(request: HttpRequest, visa_id: int, kind: str, visa_page: str) -> HttpResponse:
    user = person(request)
    visa = visible_visa(user, visa_id)
    event = next((e for e in reportable_events(user, visa) if e.value == kind), None)
    if event is None:
        raise Http404("EVENT_NOT_PERMITTED")
    form = EventForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["occurred_on"]
        try:
            if "confirm" not in request.POST:
                refuse_report(user, visa, event, day)  # no consequences of a report refused
                return confirmation(request, user, visa, event, form)
            services.report_event(
                user=user, visa_id=visa.pk, kind=event.value, occurred_on=day, details={}
            )
        except DomainError as error:
            refusals.show_on_form(form, error, ON_THE_DAY)
        else:
            messages.success(request, _("Your report is sent."))
            return redirect(visa_page, visa.pk)
    context = {**about(user, visa, event), "form": form, "visa_page": visa_page}
    return render(request, "web/report.html", context)


def about(user: User, visa: Visa, event: Event) -> dict[str, object]:
    """The report's name, and whether it is the migrant leaving (told it costs him nothing)."""
    his_own = user.pk == visa.migrant_id
    return {
        "visa": visa,
        "event": event.value,
        "title": report_name(event, his_own),
        "leaving": his_own and event == Event.LEFT,
    }


def confirmation(
    request: HttpRequest, user: User, visa: Visa, event: Event, form: EventForm
) -> HttpResponse:
    day = form.cleaned_data["occurred_on"]
    context = {
        **about(user, visa, event),
        "day": day,
        "consequences": consequences(foreseen_consequences(visa, event, day)),
    }
    return render(request, "web/report_confirm.html", context)

"""The migrant's welfare pages: his check-in (four questions on one short page, an error summary
above them), his cases and their answers, and a message to the immigration office at any time.
Only he opens them; his sponsor has no page that shows any of it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.errors import DomainError
from vip.people.models import Role
from vip.web import refusals
from vip.web.access import for_role, person
from vip.web.selectors import reference
from vip.welfare import selectors, services
from vip.welfare.models import Answer, CaseReason, CaseStatus

ANSWER_WORDS: dict[Answer, Promise] = {
    Answer.YES: gettext_lazy("Yes"),
    Answer.NO: gettext_lazy("No"),
    Answer.NOT_SURE: gettext_lazy("I am not sure"),
}
ANSWERS = [(answer.value, ANSWER_WORDS[answer]) for answer in Answer]
REASON_WORDS: dict[CaseReason, Promise] = {
    CaseReason.WORRYING_ANSWER: gettext_lazy("An answer to your check-in"),
    CaseReason.CHECKIN_MISSED: gettext_lazy("A check-in you did not answer"),
    CaseReason.MIGRANT_MESSAGE: gettext_lazy("Your message"),
}
STATUS_WORDS: dict[CaseStatus, Promise] = {
    CaseStatus.OPEN: gettext_lazy("Received by the immigration office"),
    CaseStatus.ASSIGNED: gettext_lazy("An officer is working on it"),
    CaseStatus.CLOSED: gettext_lazy("Closed"),
}


class CheckInForm(forms.Form):
    paid_as_agreed = forms.ChoiceField(
        label=gettext_lazy("Are you paid what your agreement says, on time?"),
        choices=ANSWERS,
        widget=forms.RadioSelect,
    )
    housing_as_agreed = forms.ChoiceField(
        label=gettext_lazy("Is your housing what your agreement says?"),
        choices=ANSWERS,
        widget=forms.RadioSelect,
    )
    feels_safe = forms.ChoiceField(
        label=gettext_lazy("Do you feel safe at work and where you live?"),
        choices=ANSWERS,
        widget=forms.RadioSelect,
    )
    charged_fee = forms.ChoiceField(
        label=gettext_lazy("Has anyone asked you to pay a fee, or kept money from your pay?"),
        choices=ANSWERS,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=gettext_lazy("Anything else you want the immigration office to know?"),
        required=False,
        max_length=services.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def answers(self) -> services.Answers:
        return services.Answers(**self.cleaned_data)


class WelfareMessageForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Your message to the immigration office"),
        max_length=services.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Only the immigration office reads it, never your sponsor. Writing never costs you"
            " your visa."
        ),
    )


ON_THE_QUESTION = {"WELFARE_TEXT_TOO_LONG": "text"}


@for_role(Role.MIGRANT)
def welfare(request: HttpRequest) -> HttpResponse:
    migrant = person(request)
    cases = [
        {
            "case": case,
            "ref": reference(case.pk),
            "reason": REASON_WORDS[CaseReason(case.reason)],
            "status": STATUS_WORDS[CaseStatus(case.status)],
        }
        for case in selectors.cases_of_migrant(migrant)
    ]
    context = {
        "due": selectors.due_checkin(migrant),
        "visa": selectors.current_visa(migrant),
        "cases": cases,
    }
    return render(request, "web/migrant/welfare.html", context)


@for_role(Role.MIGRANT)
def checkin(request: HttpRequest, checkin_id: int) -> HttpResponse:
    migrant = person(request)
    found = selectors.visible_checkin(migrant, checkin_id)
    open_ = found.status in selectors.UNANSWERED
    form = CheckInForm(request.POST if request.method == "POST" and open_ else None)
    if form.is_bound and form.is_valid():
        try:
            answered = services.answer_checkin(
                user=migrant, checkin_id=found.pk, answers=form.answers()
            )
        except DomainError as error:
            refusals.show_on_form(form, error, ON_THE_QUESTION)
        else:
            case = answered.cases.first()
            if case is None:
                messages.success(request, _("Thank you: your answers are sent."))
            else:
                messages.warning(
                    request,
                    _(
                        "Thank you: the immigration office will contact you about your answers"
                        " (case %(ref)s)."
                    )
                    % {"ref": reference(case.pk)},
                )
            return redirect("web:welfare")
    context = {"checkin": found, "form": form, "open": open_}
    return render(request, "web/migrant/checkin.html", context)


@for_role(Role.MIGRANT)
def write(request: HttpRequest) -> HttpResponse:
    migrant = person(request)
    visa = selectors.current_visa(migrant)
    if visa is None:
        raise Http404
    form = WelfareMessageForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            case = services.reach_authority(
                user=migrant, visa_id=visa.pk, message=form.cleaned_data["message"]
            )
        except DomainError as error:
            refusals.show_on_form(form, error, {"WELFARE_MESSAGE_EMPTY": "message"})
        else:
            messages.success(
                request,
                _("Your message is sent to the immigration office (case %(ref)s).")
                % {"ref": reference(case.pk)},
            )
            return redirect("web:welfare")
    return render(request, "web/migrant/welfare_write.html", {"form": form})


urlpatterns: list[URLPattern] = [
    path("migrant/welfare/", welfare, name="welfare"),
    path("migrant/welfare/checkins/<int:checkin_id>/", checkin, name="welfare_checkin"),
    path("migrant/welfare/write/", write, name="welfare_write"),
]

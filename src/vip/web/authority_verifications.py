"""The authority's queue of verifications: requests waiting for a result, oldest first, ten a
page; each one's page shows the person, the documents (through the audited file view), the
duplicate flag if any (decided with people.services.decide_flag) and takes the result
(people.services.record_verification, the API's own)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.errors import DomainError
from vip.people import services
from vip.people.models import (
    FlagState,
    RequestStatus,
    Role,
    User,
    VerificationKind,
    VerificationRequest,
    VerificationResult,
)
from vip.people.selectors import pending_requests, visible_request
from vip.web import authority_dashboard, refusals
from vip.web.access import for_role, person
from vip.web.paging import sliced
from vip.web.selectors import reference
from vip.web.templatetags.vip_format import country_choices
from vip.web.verification_selectors import kind_name, match_name, type_name

RESULTS = {
    VerificationResult.CLEAR: gettext_lazy("Verified: clear"),
    VerificationResult.NOT_CLEAR: gettext_lazy("Not verified"),
}
FLAG_DECISIONS = {
    FlagState.DISMISSED.value: gettext_lazy("Another person: dismiss the flag"),
    FlagState.UPHELD.value: gettext_lazy(
        "The same person: uphold the flag (the request cannot be cleared)"
    ),
}


class ResultForm(forms.Form):
    result = forms.ChoiceField(
        label=gettext_lazy("Result"),
        choices=[(result.value, RESULTS[result]) for result in VerificationResult],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        help_text=gettext_lazy("The person reads it: say why when the result is not clear."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    country = forms.ChoiceField(label=gettext_lazy("Country of citizenship"), required=False)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == VerificationKind.CITIZENSHIP:
            country = self.fields["country"]
            assert isinstance(country, forms.ChoiceField)
            country.choices = [("", "—"), *country_choices()]
        else:
            del self.fields["country"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("result") == VerificationResult.NOT_CLEAR and not data.get("note"):
            self.add_error("note", _("Say why: the person reads it."))
        return data


class FlagForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Is it the same person?"),
        choices=list(FLAG_DECISIONS.items()),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


@for_role(Role.AUTHORITY)
def verifications(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("kind", "")
    kind = VerificationKind(asked) if asked in VerificationKind.values else None
    waiting = pending_requests(person(request), kind)
    page = sliced(request, waiting)
    rows = [
        {"request": r, "kind": kind_name(r.kind), "flagged": r.flag == FlagState.OPEN}
        for r in page.items
    ]
    kinds = [(k.value, kind_name(k)) for k in VerificationKind]
    context = {"rows": rows, "count": waiting.count(), "page": page, "kind": asked, "kinds": kinds}
    return render(request, "web/authority/verifications.html", context)


def matches(request: VerificationRequest) -> list[dict[str, object]]:
    people = User.objects.in_bulk([m["person"] for m in request.matches])
    return [
        {"person": people.get(int(str(m["person"]))), "on": match_name(str(m["on"]))}
        for m in request.matches
    ]


def decide_flag(request: HttpRequest, found: VerificationRequest, form: FlagForm) -> bool:
    """The flag's decision sent; False with the refusal on the form."""
    try:
        services.decide_flag(
            authority=person(request),
            request_id=found.pk,
            upheld=form.cleaned_data["decision"] == FlagState.UPHELD,
            note=form.cleaned_data["note"],
        )
    except DomainError as error:
        refusals.show_on_form(form, error, {})
        return False
    messages.success(request, _("The flag is decided."))
    return True


def record_result(request: HttpRequest, found: VerificationRequest, form: ResultForm) -> bool:
    """The result recorded (the API's own service); False with the refusal on the form."""
    try:
        services.record_verification(
            authority=person(request),
            person_id=found.person_id,
            kind=VerificationKind(found.kind),
            result=VerificationResult(form.cleaned_data["result"]),
            note=form.cleaned_data["note"],
            country=form.cleaned_data.get("country", ""),
        )
    except DomainError as error:
        refusals.show_on_form(form, error, {"CITIZENSHIP_COUNTRY_MISSING": "country"})
        return False
    messages.success(request, _("The result is recorded and the person is told."))
    return True


@for_role(Role.AUTHORITY)
def verification(request: HttpRequest, request_id: int) -> HttpResponse:
    found = visible_request(person(request), request_id)
    which = request.POST.get("form") if request.method == "POST" else None
    flag_form = FlagForm(request.POST if which == "flag" else None, prefix="flag")
    result_form = ResultForm(
        request.POST if which == "result" else None,
        prefix="result",
        kind=found.kind,
        initial={"country": found.country or found.person.citizenship},
    )
    if flag_form.is_bound and flag_form.is_valid() and decide_flag(request, found, flag_form):
        return redirect("web:authority_verification", found.pk)
    if (
        result_form.is_bound
        and result_form.is_valid()
        and record_result(request, found, result_form)
    ):
        return redirect("web:authority_verifications")
    return render(
        request, "web/authority/verification.html", page_of(found, flag_form, result_form)
    )


def page_of(
    found: VerificationRequest, flag_form: FlagForm, result_form: ResultForm
) -> dict[str, Any]:
    return {
        "found": found,
        "ref": reference(found.pk),
        "kind": kind_name(found.kind),
        "documents": [
            {"document": d, "type": type_name(d.content_type)} for d in found.documents.all()
        ],
        "matches": matches(found),
        "flag_open": found.flag == FlagState.OPEN,
        "upheld": found.flag == FlagState.UPHELD,
        "dismissed": found.flag == FlagState.DISMISSED,
        "open": found.status == RequestStatus.PENDING,
        "flag_form": flag_form,
        "result_form": result_form,
    }


authority_dashboard.register(
    authority_dashboard.Queue(
        gettext_lazy("Verifications to decide"),
        "web:authority_verifications",
        lambda authority: pending_requests(authority).count(),
        position=10,
    )
)

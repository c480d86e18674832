"""The authority's welfare queue (/authority/welfare/): the cases a worrying answer, a missed
check-in or a migrant's message opened, oldest first, ten a page, by status; each case's page
shows the check-in's answers (reading it is a sensitive read, logged) and takes its handling:
assign it to one of the staff, note it, close it with a note the migrant reads."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from vip.errors import DomainError
from vip.people.models import Role, User
from vip.web import authority_dashboard, refusals
from vip.web.access import for_role, person
from vip.web.migrant_welfare import ANSWER_WORDS, CheckInForm
from vip.web.paging import sliced
from vip.web.selectors import reference
from vip.welfare import selectors, services
from vip.welfare.models import Answer, Case, CaseReason, CaseStatus
from vip.welfare.rules import QUESTIONS, worrying

REASONS: dict[CaseReason, Promise] = {
    CaseReason.WORRYING_ANSWER: gettext_lazy("A worrying answer"),
    CaseReason.CHECKIN_MISSED: gettext_lazy("A check-in missed"),
    CaseReason.MIGRANT_MESSAGE: gettext_lazy("The worker wrote"),
}
STATUSES: dict[CaseStatus, Promise] = {
    CaseStatus.OPEN: gettext_lazy("Open"),
    CaseStatus.ASSIGNED: gettext_lazy("Assigned"),
    CaseStatus.CLOSED: gettext_lazy("Closed"),
}


class StaffField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class CaseAssignForm(forms.Form):
    # The staff are read when the form is made (a lazy queryset): one joining today is there.
    assignee = StaffField(
        label=gettext_lazy("Assign to"), queryset=selectors.staff(), empty_label=None
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("A note for the office (the worker does not read it)"),
        max_length=services.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What was done (the worker reads it)"),
        max_length=services.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


ACTIONS: dict[str, tuple[type[forms.Form], Promise]] = {
    "assign": (CaseAssignForm, gettext_lazy("The case is assigned.")),
    "note": (NoteForm, gettext_lazy("The note is kept.")),
    "close": (CloseForm, gettext_lazy("The case is closed and the worker is told.")),
}
ON_THE_FIELD = {
    "ASSIGNEE_NOT_AUTHORITY": "assignee",
    "WELFARE_NOTE_EMPTY": "note",
    "WELFARE_TEXT_TOO_LONG": "note",
}


@for_role(Role.AUTHORITY)
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in CaseStatus.values else ""
    found = selectors.queue(person(request), status or None)
    page = sliced(request, found)
    context = {
        "cases": [
            {"case": c, "ref": reference(c.pk), "reason": REASONS[CaseReason(c.reason)]}
            for c in page.items
        ],
        "count": found.count(),
        "status": status,
        "statuses": [(s.value, STATUSES[s]) for s in CaseStatus],
        "page": page,
    }
    return render(request, "web/authority/welfare_queue.html", context)


def act(authority: User, case: Case, action: str, form: forms.Form) -> None:
    if action == "assign":
        services.assign_case(
            user=authority, case_id=case.pk, assignee_id=form.cleaned_data["assignee"].pk
        )
    elif action == "note":
        services.note_case(user=authority, case_id=case.pk, text=form.cleaned_data["text"])
    else:
        services.close_case(user=authority, case_id=case.pk, note=form.cleaned_data["note"])


@for_role(Role.AUTHORITY)
def case(request: HttpRequest, case_id: int) -> HttpResponse:
    authority = person(request)
    found = services.read_case(reader=authority, case_id=case_id)  # logged: a sensitive read
    action = request.POST.get("action", "") if request.method == "POST" else ""
    bound = {
        name: form(request.POST if name == action else None, prefix=name)
        for name, (form, _done) in ACTIONS.items()
    }
    if action in bound and bound[action].is_valid():
        try:
            act(authority, found, action, bound[action])
        except DomainError as error:
            refusals.show_on_form(bound[action], error, ON_THE_FIELD)
        else:
            messages.success(request, str(ACTIONS[action][1]))
            return redirect("web:authority_welfare_case", found.pk)
    return render(request, "web/authority/welfare_case.html", case_page(found, bound))


def case_page(found: Case, bound: dict[str, forms.Form]) -> dict[str, object]:
    checkin = found.checkin
    answered = checkin is not None and checkin.answered_at is not None
    given = {q: getattr(checkin, q) for q in QUESTIONS} if answered else {}
    worries = set(worrying(given))
    return {
        "case": found,
        "ref": reference(found.pk),
        "reason": REASONS[CaseReason(found.reason)],
        "status": STATUSES[CaseStatus(found.status)],
        "checkin": checkin,
        "answers": [
            (CheckInForm.base_fields[q].label, ANSWER_WORDS[Answer(given[q])], q in worries)
            for q in given
        ],
        "notes": list(found.notes.select_related("author")),
        "forms": bound,
        "open": found.status != CaseStatus.CLOSED,
    }


authority_dashboard.register(
    authority_dashboard.Queue(
        gettext_lazy("Welfare cases"),
        "web:authority_welfare",
        selectors.open_case_count,
        position=40,
    )
)

urlpatterns: list[URLPattern] = [
    path("authority/welfare/", queue, name="authority_welfare"),
    path("authority/welfare/<int:case_id>/", case, name="authority_welfare_case"),
]

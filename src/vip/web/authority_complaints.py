"""The authority's complaints: the queue of those not yet resolved (the escalated first, then the
oldest), filtered by status, category, escalation or who has it; a complaint's page, where she
assigns it (to herself or another of the staff), answers the one who filed it, escalates it or
resolves it, each through its service (which tells him)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from vip.errors import DomainError
from vip.people.models import Role, User
from vip.visas import services
from vip.visas.models import Complaint, ComplaintCategory, ComplaintStatus
from vip.visas.selectors import complaint_assignees, complaints_queue, visible_complaint
from vip.web import authority_dashboard, refusals
from vip.web.access import for_role, person
from vip.web.names import COMPLAINT_STATUSES, complaint_status_name
from vip.web.paging import sliced
from vip.web.selectors import reference
from vip.web.visa_selectors import CATEGORIES


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Not resolved yet"))]
        + [(s.value, COMPLAINT_STATUSES[s]) for s in ComplaintStatus],
    )
    category = forms.ChoiceField(
        label=_("About"),
        required=False,
        choices=[("", _("Any"))] + [(c.value, CATEGORIES[c]) for c in ComplaintCategory],
    )
    escalated = forms.BooleanField(label=_("Escalated only"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=_("Give it to"), coerce=int)

    prefix = "assign"  # the page's four forms keep their fields' ids apart

    def __init__(self, data: Any = None, *, me: User) -> None:
        super().__init__(data, initial={"assignee": me.pk})
        staff = [(u.pk, u.full_name or u.email) for u in complaint_assignees()]
        self.fields["assignee"].choices = staff  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        help_text=_("The one who filed it reads it on their complaints page, and is told."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    prefix = "answer"


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is urgent"),
        help_text=_("For the office's staff: the one who filed it is told only that it is raised."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    prefix = "escalate"


class ResolveForm(forms.Form):
    prefix = "resolve"


Run = Callable[[User, int, dict[str, Any]], object]
# Each action: its form, its service, what the page says once it is done.
ACTIONS: dict[str, tuple[type[forms.Form], Run, Promise]] = {
    "assign": (
        AssignForm,
        lambda u, pk, data: services.assign_complaint(
            user=u, complaint_id=pk, assignee_id=data["assignee"]
        ),
        _("The complaint is assigned."),
    ),
    "answer": (
        AnswerForm,
        lambda u, pk, data: services.answer_complaint(user=u, complaint_id=pk, **data),
        _("The answer is sent."),
    ),
    "escalate": (
        EscalateForm,
        lambda u, pk, data: services.escalate_complaint(user=u, complaint_id=pk, **data),
        _("The complaint is escalated."),
    ),
    "resolve": (
        ResolveForm,
        lambda u, pk, data: services.resolve_complaint(user=u, complaint_id=pk),
        _("The complaint is resolved."),
    ),
}
ON_A_FIELD = {"ASSIGNEE_NOT_AUTHORITY": "assignee"}


def form_of(action: str, me: User, data: Any = None) -> forms.Form:
    kind = ACTIONS[action][0]
    return kind(data, me=me) if kind is AssignForm else kind(data)


@for_role(Role.AUTHORITY)
def complaints(request: HttpRequest) -> HttpResponse:
    authority = person(request)
    search = FilterForm(request.GET)
    chosen = search.cleaned_data if search.is_valid() else {}
    found = sliced(request, complaints_queue(authority, **chosen))
    rows = [
        (c, CATEGORIES.get(c.category, c.category), complaint_status_name(c.status))
        for c in found.items
    ]
    context = {"search": search, "page": found, "rows": rows}
    return render(request, "web/authority/complaints.html", context)


def show(
    request: HttpRequest,
    complaint: Complaint,
    bound: dict[str, forms.Form],
    refusal: refusals.Refusal | None = None,
) -> HttpResponse:
    me = person(request)
    context = {
        "refusal": refusal,
        "complaint": complaint,
        "ref": reference(complaint.visa_id),
        "category": CATEGORIES.get(complaint.category, complaint.category),
        "status": complaint_status_name(complaint.status),
        "open": complaint.status != ComplaintStatus.RESOLVED,
        **{action: bound.get(action) or form_of(action, me) for action in ACTIONS},
    }
    return render(request, "web/authority/complaint.html", context)


@for_role(Role.AUTHORITY)
def complaint(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return show(request, visible_complaint(person(request), complaint_id), {})


@for_role(Role.AUTHORITY)
@require_POST
def act(request: HttpRequest, complaint_id: int, action: str) -> HttpResponse:
    me = person(request)
    found = visible_complaint(me, complaint_id)
    if action not in ACTIONS:
        raise Http404
    form, run, done = form_of(action, me, request.POST), ACTIONS[action][1], ACTIONS[action][2]
    refusal = None
    if form.is_valid():
        try:
            run(me, found.pk, form.cleaned_data)
        except DomainError as error:
            if error.code in ON_A_FIELD:
                refusals.show_on_form(form, error, ON_A_FIELD)
            else:  # about the complaint as it stands (resolved meanwhile): above its page
                refusal = refusals.Refusal.of(error)
        else:
            messages.success(request, str(done))
            return redirect("web:authority_complaint", found.pk)
    return show(request, visible_complaint(me, complaint_id), {action: form}, refusal)


authority_dashboard.register(
    authority_dashboard.Queue(
        _("Complaints not yet resolved"),
        "web:authority_complaints",
        lambda authority: complaints_queue(authority).count(),
        position=30,
    )
)

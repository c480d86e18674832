"""The audit log for the authority: its events newest first, ten a page, filtered by person,
object and action; the chain's verification run on demand (the same check as `vip audit
verify`), its result said on the page; the sensitive reads, one filter away."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vip.audit import selectors, services
from vip.audit.models import Action, AuditEvent, Subject
from vip.people.models import Role
from vip.web.access import for_role, person
from vip.web.paging import sliced


class LogFilter(forms.Form):
    person = forms.CharField(
        label=gettext_lazy("Person"),
        help_text=gettext_lazy("Their id (P-42) or e-mail: what they did and what was about them."),
        required=False,
        max_length=200,
    )
    object_type = forms.ChoiceField(
        label=gettext_lazy("Object"),
        required=False,
        choices=[("", gettext_lazy("Any")), *((s.value, s.value) for s in Subject)],
    )
    object_id = forms.CharField(label=gettext_lazy("Object's id"), required=False, max_length=64)
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        choices=[("", gettext_lazy("Any")), *((a.value, a.value) for a in Action)],
    )


def data_of(event: AuditEvent) -> str:
    return json.dumps(event.data, sort_keys=True, ensure_ascii=False, default=str)


@for_role(Role.AUTHORITY)
def log(request: HttpRequest) -> HttpResponse:
    search = LogFilter(request.GET)
    chosen = search.cleaned_data if search.is_valid() else {}
    page = sliced(request, selectors.events(person(request), **chosen))
    rows = [(event, data_of(event)) for event in page.items]
    context = {"search": search, "page": page, "rows": rows, "sensitive": Action.SENSITIVE_READ}
    return render(request, "web/authority/audit.html", context)


@for_role(Role.AUTHORITY)
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    """The whole chain recomputed now; the result is said on the log's page."""
    report = services.verify()
    if report.ok:
        messages.success(
            request,
            _("The audit log is intact: %(events)s events chained, head %(head)s.")
            % {"events": report.events, "head": report.head[:16]},
        )
    else:
        messages.error(
            request,
            _("The audit log is broken at event #%(seq)s: %(problem)s")
            % {"seq": report.broken_at, "problem": report.problem},
        )
    return redirect("web:authority_audit")

"""The conversations between a sponsor and a migrant: the list, a conversation (polled in place
by htmx, a plain page without it), opening one from a candidate or an opportunity, report, block."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vip.agreements.selectors import may_offer
from vip.errors import DomainError
from vip.messaging import selectors, services
from vip.people.models import Role
from vip.web import refusals
from vip.web.access import for_role, person
from vip.web.forms import MessageForm, ReportForm

PARTIES = (Role.SPONSOR, Role.MIGRANT)


@for_role(*PARTIES)
def conversations(request: HttpRequest) -> HttpResponse:
    me = person(request)
    shown = [
        {"conversation": c, "other": selectors.counterpart(me, c)}
        for c in selectors.conversations(me)
    ]
    return render(request, "web/conversations/list.html", {"shown": shown})


@for_role(*PARTIES)
@require_POST
def start(request: HttpRequest, person_id: int) -> HttpResponse:
    """He shows interest in a candidate or an opportunity: their conversation, opened if need be."""
    try:
        opened = services.open_conversation(user=person(request), counterpart_id=person_id)
    except DomainError as error:
        refusal = refusals.Refusal.of(error)
        messages.error(request, f"{refusal.message} ({refusal.code})")
        return redirect("web:conversations")
    return redirect("web:conversation", opened.pk)


@for_role(*PARTIES)
def conversation(request: HttpRequest, conversation_id: int) -> HttpResponse:
    me = person(request)
    found = selectors.visible_conversation(me, conversation_id)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.send_message(user=me, conversation_id=found.pk, body=form.cleaned_data["body"])
        except DomainError as error:
            refusals.show_on_form(
                form, error, {"MESSAGE_EMPTY": "body", "MESSAGE_TOO_LONG": "body"}
            )
        else:
            return redirect("web:conversation", found.pk)
    context = {
        "conversation": found,
        "other": selectors.counterpart(me, found),
        "thread": selectors.thread(me, found),
        "contact": selectors.contact_allowed(found),
        "may_offer": may_offer(me, found.sponsor),
        "form": form,
    }
    # htmx polls the thread every few seconds and swaps it in place; without it, a plain page.
    partial = getattr(request, "htmx", False) and request.method == "GET"
    template = "thread" if partial else "conversation"
    return render(request, f"web/conversations/{template}.html", context)


@for_role(*PARTIES)
def report(request: HttpRequest, conversation_id: int) -> HttpResponse:
    me = person(request)
    found = selectors.visible_conversation(me, conversation_id)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.report(user=me, conversation_id=found.pk, **form.cleaned_data)
        except DomainError as error:
            refusals.show_on_form(form, error, {"REPORT_REASON_UNKNOWN": "reason"})
        else:
            messages.success(request, _("Your report is sent. The authority reads every report."))
            return redirect("web:conversation", found.pk)
    context = {"conversation": found, "other": selectors.counterpart(me, found), "form": form}
    return render(request, "web/conversations/report.html", context)


@for_role(*PARTIES)
def block(request: HttpRequest, conversation_id: int) -> HttpResponse:
    me = person(request)
    found = selectors.visible_conversation(me, conversation_id)
    other = selectors.counterpart(me, found)
    if request.method == "POST":
        services.block(user=me, conversation_id=found.pk)
        messages.success(request, _("You have blocked %(name)s.") % {"name": other.full_name})
        return redirect("web:conversations")
    return render(request, "web/conversations/block.html", {"conversation": found, "other": other})

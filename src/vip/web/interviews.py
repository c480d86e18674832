"""The interview: the invitation (a day and an hour in the inviter's time zone), the page that
shows it in both people's time zones with the room's link, and its calendar file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vip.agreements import services
from vip.agreements.selectors import visible_agreement, visible_interview
from vip.errors import DomainError
from vip.people.models import Role
from vip.people.selectors import time_zone
from vip.web import ics, refusals
from vip.web.access import for_role, person, principal
from vip.web.forms import InterviewForm

PARTIES = (Role.SPONSOR, Role.MIGRANT)
ON_THE_DAY = {"TIME_NOT_AWARE": "day", "INTERVIEW_IN_PAST": "day"}


@for_role(*PARTIES, for_client=True)
def invite(request: HttpRequest, agreement_id: int) -> HttpResponse:
    me = person(request)
    agreement = visible_agreement(me, agreement_id)
    zone = time_zone(principal(request))  # the sponsor's hours, when his agency invites
    form = InterviewForm(request.POST if request.method == "POST" else None, zone=zone)
    if form.is_bound and form.is_valid():
        try:
            made = services.schedule_interview(user=me, agreement_id=agreement.pk, at=form.at())
        except DomainError as error:
            refusals.show_on_form(form, error, ON_THE_DAY)
        else:
            return redirect("web:interview", made.pk)
    context = {"form": form, "agreement": agreement, "zone": zone}
    return render(request, "web/interviews/invite.html", context)


@for_role(*PARTIES, for_client=True)
def interview(request: HttpRequest, interview_id: int) -> HttpResponse:
    me = principal(request)
    found = visible_interview(person(request), interview_id)
    agreement = found.agreement
    other = agreement.migrant if me.pk == agreement.sponsor_id else agreement.sponsor
    context = {
        "interview": found,
        "other": other,
        "my_zone": time_zone(me),
        "other_zone": time_zone(other),
    }
    return render(request, "web/interviews/interview.html", context)


@for_role(*PARTIES, for_client=True)
def calendar_file(request: HttpRequest, interview_id: int) -> HttpResponse:
    found = visible_interview(person(request), interview_id)
    agreement = found.agreement
    summary = _("Interview: %(sponsor)s and %(migrant)s") % {
        "sponsor": agreement.sponsor.full_name,
        "migrant": agreement.migrant.full_name,
    }
    description = _("The video room: %(url)s") % {"url": found.video_url}
    response = HttpResponse(
        ics.invitation(found, summary, description, request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{found.pk}.ics"'
    return response

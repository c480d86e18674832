"""A person's notices: what concerns him (an offer, a signature, a message, an interview)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vip.notifications import selectors, services
from vip.people.models import Role
from vip.web.access import for_role, person

PARTIES = (Role.SPONSOR, Role.MIGRANT)


@for_role(*PARTIES)
def notices(request: HttpRequest) -> HttpResponse:
    return render(request, "web/notices/list.html", {"notices": selectors.notices(person(request))})


@for_role(*PARTIES)
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    services.mark_read(user=person(request))
    return redirect("web:notices")

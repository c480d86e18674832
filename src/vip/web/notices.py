"""A person's notices: what concerns him (an offer, a signature, a message, an interview)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vip.notifications import selectors, services
from vip.people.models import Role
from vip.web.access import for_role, person

# An agency reads its own: a client who revokes or names it is told there.
READERS = (Role.SPONSOR, Role.MIGRANT, Role.AGENCY)


@for_role(*READERS)
def notices(request: HttpRequest) -> HttpResponse:
    return render(request, "web/notices/list.html", {"notices": selectors.notices(person(request))})


@for_role(*READERS)
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    services.mark_read(user=person(request))
    return redirect("web:notices")

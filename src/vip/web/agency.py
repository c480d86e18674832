"""The agency's workspace: its clients (the sponsors who delegated to it), each with his progress
through his own task list, ten a page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vip.people.models import Role
from vip.people.selectors import clients_of
from vip.web.access import for_role, person
from vip.web.selectors import client_progress

SIZE = 10


@for_role(Role.AGENCY)
def clients(request: HttpRequest) -> HttpResponse:
    found = Paginator(clients_of(person(request)), SIZE)
    page = found.get_page(request.GET.get("page"))
    context = {
        "clients": [client_progress(delegation) for delegation in page.object_list],
        "count": found.count,
        "page": {
            "number": page.number,
            "previous": page.previous_page_number() if page.has_previous() else None,
            "next": page.next_page_number() if page.has_next() else None,
        },
    }
    return render(request, "web/agency/clients.html", context)

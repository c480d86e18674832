"""The authority's workspace: her work queues with their counts, and people found by name, e-mail
or id. A queue is a line of the registry: the module that serves its page registers it,

    authority_dashboard.register(Queue(gettext_lazy("Open complaints"), "web:authority_complaints",
                                       lambda authority: open_complaints(authority).count()))

so the dashboard names every queue without knowing them (the order is that of `position`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from vip.people.models import Role, User
from vip.people.selectors import people_matching
from vip.visas.models import Status
from vip.visas.selectors import visas_of, visible_visas
from vip.web.access import for_role, person
from vip.web.names import role_name
from vip.web.paging import sliced


@dataclass(frozen=True)
class Queue:
    label: str | Promise
    url_name: str
    count: Callable[[User], int]  # how many wait in it for this authority
    # Where it stands on the dashboard, in the order: verifications 10, reviews 20,
    # complaints 30, welfare 40, enforcement 50, deportations 60, fines 70, amnesty 80,
    # auctions 90.
    position: int = 100


QUEUES: dict[str, Queue] = {}


def register(queue: Queue) -> Queue:
    """Add a queue to the dashboard (again under the same URL name: replaced, not doubled)."""
    QUEUES[queue.url_name] = queue
    return queue


@dataclass(frozen=True)
class Line:
    label: str | Promise
    url: str
    count: int


def lines(authority: User) -> list[Line]:
    ordered = sorted(QUEUES.values(), key=lambda queue: (queue.position, str(queue.label)))
    return [Line(q.label, reverse(q.url_name), q.count(authority)) for q in ordered]


register(
    Queue(
        gettext_lazy("Applications in review"),
        "web:authority_reviews",
        lambda authority: visible_visas(authority).filter(status=Status.REVIEW).count(),
        position=20,
    )
)


class PeopleSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, e-mail or id"),
        help_text=gettext_lazy("Part of a name or of an e-mail address, or a person's id (P-42)."),
        max_length=200,
        required=False,
    )


@for_role(Role.AUTHORITY)
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {"queues": lines(person(request)), "search": PeopleSearchForm()}
    return render(request, "web/authority/dashboard.html", context)


@for_role(Role.AUTHORITY)
def people(request: HttpRequest) -> HttpResponse:
    search = PeopleSearchForm(request.GET or None)
    text = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
    found = sliced(request, people_matching(person(request), text))
    visas = visas_of(person(request), [found_person.pk for found_person in found.items])
    rows = [
        (found_person, role_name(found_person.role), visas[found_person.pk])
        for found_person in found.items
    ]
    context = {"search": search, "text": text, "page": found, "rows": rows}
    return render(request, "web/authority/people.html", context)

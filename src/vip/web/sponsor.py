"""The sponsor's pages: his task list, the request (one question per page, then check your
answers), and the candidates for it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vip.errors import DomainError
from vip.matching import services
from vip.matching.selectors import visible_request
from vip.people.models import Role, User
from vip.web import refusals
from vip.web.access import for_role, person, principal
from vip.web.forms import REQUEST_STEPS, criteria
from vip.web.paging import paged
from vip.web.selectors import reference, sponsor_tasks

DRAFT = "request_draft"
STEPS = list(REQUEST_STEPS)


@for_role(Role.SPONSOR, for_client=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    tasks = sponsor_tasks(principal(request))
    return render(request, "web/sponsor/dashboard.html", {"tasks": tasks})


@for_role(Role.SPONSOR, for_client=True)
def request_step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in REQUEST_STEPS:
        raise Http404
    draft = request.session.get(DRAFT, {})
    form = REQUEST_STEPS[step](
        request.POST if request.method == "POST" else None,
        initial=draft.get(step),
        sponsor=principal(request),
    )
    if form.is_bound and form.is_valid():
        request.session[DRAFT] = {**draft, step: form.draft()}
        following = STEPS.index(step) + 1
        if following < len(STEPS) and "check" not in request.GET:
            return redirect("web:request_step", STEPS[following])
        return redirect("web:request_check")
    number = STEPS.index(step) + 1
    previous = STEPS[number - 2] if number > 1 else None
    return render(
        request,
        "web/sponsor/request_step.html",
        {"form": form, "number": number, "total": len(STEPS), "previous": previous},
    )


@for_role(Role.SPONSOR, for_client=True)
def request_check(request: HttpRequest) -> HttpResponse:
    sponsor = principal(request)  # his agency may be the one who states it (the audit says so)
    draft = request.session.get(DRAFT, {})
    refusal = None
    if request.method == "POST":
        try:
            made = services.create_request(
                user=person(request), sponsor=sponsor, criteria=criteria(draft, sponsor)
            )
        except DomainError as error:
            refusal = refusals.Refusal.of(error)
        else:
            request.session.pop(DRAFT, None)
            return redirect("web:request_done", made.pk)
    return render(
        request,
        "web/sponsor/request_check.html",
        {"answers": answers(draft, sponsor), "refusal": refusal},
    )


def answers(draft: dict[str, dict[str, object]], sponsor: User) -> list[dict[str, object]]:
    """Each step's questions and answers as the person gave them, with the page to change them."""
    shown = []
    for step, form_class in REQUEST_STEPS.items():
        form = form_class(initial=draft.get(step, {}), sponsor=sponsor)
        rows = []
        for field in form:
            value = form.initial.get(field.name)
            if value in (None, "", [], False):
                continue
            choices = dict(getattr(field.field, "choices", []))
            if isinstance(value, list):
                value = ", ".join(str(choices.get(v, v)) for v in value)
            elif value is True:
                value = "✓"
            else:
                value = choices.get(value, value)
            rows.append({"label": field.label, "value": value})
        shown.append({"step": step, "title": form.title, "rows": rows})
    return shown


@for_role(Role.SPONSOR, for_client=True)
def request_done(request: HttpRequest, request_id: int) -> HttpResponse:
    found = visible_request(person(request), request_id)
    return render(
        request, "web/sponsor/request_done.html", {"found": found, "ref": reference(found.pk)}
    )


@for_role(Role.SPONSOR, for_client=True)
def candidates(request: HttpRequest, request_id: int) -> HttpResponse:
    sponsor = person(request)
    found = visible_request(sponsor, request_id)
    try:
        page = paged(
            request,
            lambda offset, size: services.search_candidates(
                user=sponsor, request_id=found.pk, limit=size, offset=offset
            ),
        )
    except DomainError as error:  # not verified yet, or too many searches: said on the page
        context = {
            "found": found,
            "ref": reference(found.pk),
            "refusal": refusals.Refusal.of(error),
        }
        return render(request, "web/sponsor/candidates.html", context, status=error.status)
    people = User.objects.in_bulk([c.id for c in page.items])
    context = {
        "found": found,
        "ref": reference(found.pk),
        "results": [{"person": people[c.id], "ranked": c} for c in page.items],
        "page": page,
    }
    # htmx swaps the list in place when the next page is asked for; without it, a plain link.
    partial = getattr(request, "htmx", False)
    template = "candidates_list" if partial else "candidates"
    return render(request, f"web/sponsor/{template}.html", context)

"""A candidate's page (what the sponsor may see of him: the ranking's reasons, his languages and
work, never what he did not share with him) and the request's shortlist."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vip.errors import Forbidden, RateLimited
from vip.matching import services
from vip.matching.selectors import shortlist_of, visible_request
from vip.people.models import Role, User
from vip.web import refusals
from vip.web.access import for_role, person
from vip.web.selectors import reference


@for_role(Role.SPONSOR, for_client=True)
def candidate(request: HttpRequest, request_id: int, migrant_id: int) -> HttpResponse:
    viewer = person(request)
    context: dict[str, object] = {"found": visible_request(viewer, request_id)}
    try:
        ranked = services.view_candidate(user=viewer, request_id=request_id, migrant_id=migrant_id)
    except (Forbidden, RateLimited) as error:  # not verified yet, too many searches: said
        context["refusal"] = refusals.Refusal.of(error)
        return render(request, "web/sponsor/candidate.html", context, status=error.status)
    context |= {
        "person": User.objects.select_related("migrant_profile").get(pk=migrant_id),
        "ranked": ranked,
        "kept": migrant_id in {e.migrant_id for e in shortlist_of(viewer, request_id)},
    }
    return render(request, "web/sponsor/candidate.html", context)


@require_POST
@for_role(Role.SPONSOR, for_client=True)
def keep(request: HttpRequest, request_id: int, migrant_id: int) -> HttpResponse:
    services.keep_on_shortlist(
        user=person(request),
        request_id=request_id,
        migrant_id=migrant_id,
        keep=request.POST.get("keep") == "1",
    )
    return redirect("web:candidate", request_id, migrant_id)


@for_role(Role.SPONSOR, for_client=True)
def shortlist(request: HttpRequest, request_id: int) -> HttpResponse:
    viewer = person(request)
    context = {
        "found": visible_request(viewer, request_id),
        "ref": reference(request_id),
        "entries": shortlist_of(viewer, request_id),
    }
    return render(request, "web/sponsor/shortlist.html", context)

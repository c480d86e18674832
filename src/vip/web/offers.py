"""The offer and the agreement: the sponsor states his terms, checks them with the preview of the
migrant's month and of what he takes on, and sends; each party reads the agreement in plain words
with his own numbers and signs; the migrant's offers."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vip.agreements import selectors, services
from vip.errors import DomainError
from vip.money import Money
from vip.people.models import Role
from vip.web import refusals
from vip.web.access import for_role, person, principal
from vip.web.forms import TermsForm, terms
from vip.web.selectors import offer_actions, offer_state, reference

PARTIES = (Role.SPONSOR, Role.MIGRANT)


def draft_key(migrant_id: int) -> str:
    return f"offer_draft_{migrant_id}"


@for_role(Role.SPONSOR, for_client=True)
def offer_terms(request: HttpRequest, migrant_id: int) -> HttpResponse:
    sponsor = principal(request)
    migrant = selectors.offered_migrant(migrant_id)
    form = TermsForm(
        request.POST if request.method == "POST" else None,
        initial=request.session.get(draft_key(migrant.pk)),
        sponsor=sponsor,
    )
    if form.is_bound and form.is_valid():
        request.session[draft_key(migrant.pk)] = form.draft()
        return redirect("web:offer_check", migrant.pk)
    return render(request, "web/offers/terms.html", {"form": form, "migrant": migrant})


@for_role(Role.SPONSOR, for_client=True)
def offer_check(request: HttpRequest, migrant_id: int) -> HttpResponse:
    sponsor = principal(request)  # his agency may be the one who offers (the audit says so)
    migrant = selectors.offered_migrant(migrant_id)
    draft = request.session.get(draft_key(migrant.pk))
    if draft is None:
        return redirect("web:offer_terms", migrant.pk)
    offered = terms(draft, sponsor)
    refusal = None
    if request.method == "POST":
        try:
            made = services.offer(
                user=person(request), sponsor=sponsor, migrant_id=migrant.pk, terms=offered
            )
        except DomainError as error:
            refusal = refusals.Refusal.of(error)
        else:
            request.session.pop(draft_key(migrant.pk), None)
            return redirect("web:offer_done", made.pk)
    context: dict[str, Any] = {
        "migrant": migrant,
        "terms": offered,
        "share": offered.gain_share,
        "preview": selectors.preview(sponsor, migrant.pk, offered.annual_pay, offered.gain_share),
        "refusal": refusal,
    }
    return render(request, "web/offers/check.html", context)


@for_role(Role.SPONSOR, for_client=True)
def offer_done(request: HttpRequest, agreement_id: int) -> HttpResponse:
    found = selectors.visible_agreement(person(request), agreement_id)
    return render(request, "web/offers/done.html", {"agreement": found, "ref": reference(found.pk)})


@for_role(*PARTIES, for_client=True)
def agreement(request: HttpRequest, agreement_id: int) -> HttpResponse:
    me = person(request)
    found = selectors.visible_agreement(me, agreement_id)
    refusal = None
    if request.method == "POST":
        try:
            services.sign(user=me, agreement_id=found.pk)
        except DomainError as error:
            refusal = refusals.Refusal.of(error)
        else:
            return redirect("web:agreement", found.pk)
    context = {
        "agreement": found,
        "ref": reference(found.pk),
        "mine_signed": selectors.signed_by(me, found),
        "actions": offer_actions(me, found),
        "month": selectors.month_of(found),
        "home": selectors.stated_home(found),  # his, in his currency; the baseline in the host's
        "baseline": Money(found.home_annual_earnings, found.currency),
        "rate": selectors.locked_rate(found),
        "share": selectors.share_of(found),
        "obligations": selectors.obligations(found.sponsor, found.created_at.date()),
        "refusal": refusal,
    }
    return render(request, "web/offers/agreement.html", context)


@for_role(Role.MIGRANT)
def offers(request: HttpRequest) -> HttpResponse:
    found = [
        {"agreement": a, "ref": reference(a.pk), "state": offer_state(a)}
        for a in selectors.offers_to(person(request))
    ]
    return render(request, "web/offers/list.html", {"offers": found})


CLOSINGS = {"decline": services.decline, "withdraw": services.withdraw}


@for_role(*PARTIES, for_client=True)
def close(request: HttpRequest, agreement_id: int, action: str) -> HttpResponse:
    """The migrant declines an offer, the sponsor withdraws his: a page that says what it does,
    then the service decides (an offer no longer pending is refused with its code)."""
    me = person(request)
    found = selectors.visible_agreement(me, agreement_id)
    if action not in offer_actions(me, found):
        raise Http404  # not his to do, or the offer is no longer open
    refusal = None
    if request.method == "POST":
        try:
            CLOSINGS[action](user=me, agreement_id=found.pk)
        except DomainError as error:
            refusal = refusals.Refusal.of(error)
        else:
            return redirect("web:agreement", found.pk)
    context = {"agreement": found, "action": action, "refusal": refusal}
    return render(request, "web/offers/close.html", context)

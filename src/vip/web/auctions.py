"""The visa auction for a migrant: the auctions open to him, an auction's rules and calendar and
his result, registering with his passport and his sealed bid (each checked before it is sent);
and the public results page, which needs no login and shows nothing personal."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vip.auctions import services
from vip.errors import DomainError
from vip.people.models import Role
from vip.web import auction_selectors, refusals
from vip.web.access import for_role, person
from vip.web.auction_forms import BidForm, RegistrationForm

ON_THE_DOCUMENT = {"DOCUMENT_INVALID": "document_number"}
ON_THE_AMOUNT = {"BID_INVALID": "amount", "CURRENCY_MISMATCH": "amount"}


@for_role(Role.MIGRANT)
def auctions(request: HttpRequest) -> HttpResponse:
    listed = auction_selectors.auctions_of(person(request))
    return render(request, "web/auctions/list.html", {"listed": listed})


@for_role(Role.MIGRANT)
def auction(request: HttpRequest, code: str) -> HttpResponse:
    page = auction_selectors.auction_page(person(request), code)
    return render(request, "web/auctions/auction.html", {"page": page})


@for_role(Role.MIGRANT)
def register(request: HttpRequest, code: str) -> HttpResponse:
    migrant = person(request)
    page = auction_selectors.auction_page(migrant, code)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        initial={"document_country": migrant.country},
    )
    context = {"form": form, "page": page}
    if form.is_bound and form.is_valid():
        if "confirm" not in request.POST:
            return render(request, "web/auctions/register_check.html", context)
        try:
            services.register(user=migrant, code=code, **form.cleaned_data)
        except DomainError as error:
            refusals.show_on_form(form, error, ON_THE_DOCUMENT)
        else:
            messages.success(request, _("You are registered in the auction."))
            return redirect("web:auction", code)
    return render(request, "web/auctions/register.html", context)


@for_role(Role.MIGRANT)
def consent(request: HttpRequest, code: str) -> HttpResponse:
    """He agrees to the registration an agency filed for him: until then it has no bid."""
    migrant = person(request)
    page = auction_selectors.auction_page(migrant, code)
    if page.registration is None or not page.awaits_consent:
        return redirect("web:auction", code)
    if request.method == "POST":
        try:
            services.consent(user=migrant, registration_id=page.registration.pk)
        except DomainError as error:
            context = {"page": page, "refusal": refusals.Refusal.of(error)}
            return render(request, "web/auctions/consent.html", context, status=error.status)
        messages.success(request, _("You agreed to the registration."))
        return redirect("web:auction", code)
    return render(request, "web/auctions/consent.html", {"page": page})


@for_role(Role.MIGRANT)
def bid(request: HttpRequest, code: str) -> HttpResponse:
    migrant = person(request)
    page = auction_selectors.auction_page(migrant, code)
    if page.registration is None:  # only a registered person bids
        return redirect("web:auction", code)
    currency = page.auction.currency
    form = BidForm(request.POST if request.method == "POST" else None, currency=currency)
    context = {"form": form, "page": page}
    if form.is_bound and form.is_valid():
        if "confirm" not in request.POST:
            return render(request, "web/auctions/bid_check.html", {**context, "bid": form.money()})
        try:
            services.place_bid(
                user=migrant, registration_id=page.registration.pk, amount=form.money()
            )
        except DomainError as error:
            refusals.show_on_form(form, error, ON_THE_AMOUNT)
        else:
            messages.success(request, _("Your bid is placed, sealed."))
            return redirect("web:auction", code)
    elif not form.is_bound and page.has_bid:  # his own bid, to him alone (the read is audited)
        context["current"] = services.read_bid(user=migrant, registration_id=page.registration.pk)
    return render(request, "web/auctions/bid.html", context)


def results(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone's: the auction's figures once cleared, nothing about any person."""
    try:
        found = auction_selectors.results(code)
    except DomainError as error:
        raise Http404(error.code) from error
    return render(request, "web/auctions/results.html", {"results": found})

"""The authority's auctions: the list with each one's status and next step, a new auction's terms
(checked before it is created), each step (open registration, open bidding, close, clear,
settle, forfeit the seats not paid) confirmed with its consequences said first, a winner's
payment recorded, and a paid seat's visa issued with his insurance. Bids stay sealed to her
until the clearing: nothing here reads one."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vip.auctions import services
from vip.auctions.models import Auction, AuctionStatus
from vip.communities.models import Jurisdiction
from vip.errors import DomainError
from vip.people.models import Role, User
from vip.people.selectors import time_zone
from vip.web import auction_selectors, authority_dashboard, refusals, visa_selectors
from vip.web.access import for_role, person
from vip.web.auction_forms import AuctionForm
from vip.web.visa_forms import InsuranceForm

ON_THE_TERMS = {
    "AUCTION_CODE_TAKEN": "code",
    "JURISDICTION_UNKNOWN": "jurisdiction",
    "AUCTION_WINDOWS_OUT_OF_ORDER": "registration_closes",
    "RULE_UNKNOWN": "rule",
    "AUCTION_TERMS_INVALID": "quota",
}


def step(run: Callable[..., object]) -> Callable[[User, str], object]:
    return lambda authority, code: run(actor=authority, code=code)


STEPS: dict[str, Callable[[User, str], object]] = {
    "open-registration": step(services.open_registration),
    "open-bidding": step(services.open_bidding),
    "close": step(services.close_bidding),
    "clear": step(services.clear_auction),
    "settle": step(services.settle),
    auction_selectors.FORFEIT: step(services.forfeit_overdue),
}


@for_role(Role.AUTHORITY)
def auctions(request: HttpRequest) -> HttpResponse:
    rows = auction_selectors.auctions_listed(person(request))
    return render(request, "web/authority/auctions.html", {"rows": rows})


@for_role(Role.AUTHORITY)
def create(request: HttpRequest) -> HttpResponse:
    authority = person(request)
    jurisdictions = {j.code: (j.name, j.currency) for j in Jurisdiction.objects.all()}
    form = AuctionForm(
        request.POST if request.method == "POST" else None,
        zone=time_zone(authority),
        jurisdictions=jurisdictions,
    )
    context = {"form": form}
    if form.is_bound and form.is_valid():
        if "confirm" not in request.POST:
            terms = form.terms()
            check = {**context, "terms": terms, "currency": form.currencies[terms.jurisdiction]}
            return render(request, "web/authority/auction_check.html", check)
        try:
            made = services.create_auction(authority=authority, terms=form.terms())
        except DomainError as error:
            refusals.show_on_form(form, error, ON_THE_TERMS)
        else:
            messages.success(request, _("The auction is created."))
            return redirect("web:authority_auction", made.code)
    return render(request, "web/authority/auction_new.html", context)


@for_role(Role.AUTHORITY)
def auction(request: HttpRequest, code: str) -> HttpResponse:
    page = auction_selectors.workspace(person(request), code)
    return render(request, "web/authority/auction.html", {"page": page})


@for_role(Role.AUTHORITY)
def advance(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    authority = person(request)
    page = auction_selectors.step_page(authority, code, slug)
    context: dict[str, object] = {"page": page}
    if request.method == "POST":
        try:
            STEPS[slug](authority, code)
        except DomainError as error:
            context["refusal"] = refusals.Refusal.of(error)
            return render(request, "web/authority/step.html", context, status=error.status)
        messages.success(request, _("Done: %(step)s.") % {"step": page.name})
        return redirect("web:authority_auction", code)
    return render(request, "web/authority/step.html", context)


@for_role(Role.AUTHORITY)
def payment(request: HttpRequest, code: str, registration_id: int) -> HttpResponse:
    authority = person(request)
    page = auction_selectors.payment_page(authority, code, registration_id)
    context: dict[str, object] = {"page": page}
    if request.method == "POST":
        try:
            services.record_payment(authority=authority, registration_id=page.registration.pk)
        except DomainError as error:
            context["refusal"] = refusals.Refusal.of(error)
            return render(request, "web/authority/payment.html", context, status=error.status)
        messages.success(request, _("The payment is recorded."))
        return redirect("web:authority_auction", code)
    return render(request, "web/authority/payment.html", context)


@for_role(Role.AUTHORITY)
def seat_visa(request: HttpRequest, code: str, registration_id: int) -> HttpResponse:
    """A paid seat's visa, issued with the winner's insurance; the decision is shown at once
    (refused: what he paid is refunded, the seat goes to the next bidder)."""
    authority = person(request)
    page = auction_selectors.seat_visa_page(authority, code, registration_id)
    currency = page.auction.currency
    form = InsuranceForm(request.POST if request.method == "POST" else None, currency=currency)
    if form.is_bound and form.is_valid():
        insurance = InsuranceForm.terms(form.draft(), currency)
        visa = services.issue_visa(
            authority=authority, registration_id=page.registration.pk, insurance=insurance
        )
        context = {"page": page, "visa": visa, "reasons": visa_selectors.reasons(visa)}
        return render(request, "web/authority/seat_visa_decided.html", context)
    return render(request, "web/authority/seat_visa.html", {"page": page, "form": form})


authority_dashboard.register(
    authority_dashboard.Queue(
        gettext_lazy("Visa auctions not yet settled"),
        "web:authority_auctions",
        lambda authority: Auction.objects.exclude(status=AuctionStatus.SETTLED).count(),
        position=90,
    )
)

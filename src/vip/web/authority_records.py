"""The authority's records of enforcement, read-only: the enforcement cases, the deportation
orders by their effective dates, the fines not yet paid and the amnesty intakes, each paged and
filtered, each line leading to the visa's page (its timeline, fines, case and order), where she
records what happens to a visa: a crime, a sentence served, a finding, a deportation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.clock import today
from vip.communities.models import Jurisdiction
from vip.people.models import Role, User
from vip.visas import selectors
from vip.visas.models import (
    AmnestyApplication,
    AmnestyPath,
    Complaint,
    DeportationOrder,
    DeportationReason,
    EnforcementCase,
    Fine,
    Visa,
)
from vip.visas.selectors import OrderState
from vip.web import authority_dashboard, refusals, visa_selectors
from vip.web.access import for_role, person
from vip.web.paging import sliced
from vip.web.reporting import report_page
from vip.web.selectors import reference
from vip.web.templatetags.vip_format import day, money

REASONS: dict[str, Promise] = {
    DeportationReason.CRIME_CONVICTED: _("Convicted of a crime"),
    DeportationReason.FOUND_AFTER_DISAPPEARANCE: _("Found after disappearing"),
}
ORDER_STATES: dict[str, Promise] = {
    OrderState.WAITING: _("Waiting for the sentence to be served"),
    OrderState.SCHEDULED: _("Effective on a later day"),
    OrderState.DUE: _("Effective: to be carried out"),
    OrderState.EXECUTED: _("Carried out"),
}
PATHS: dict[str, Promise] = {
    AmnestyPath.CITIZENSHIP: _("Towards citizenship"),
    AmnestyPath.SPONSORSHIP: _("Through a sponsor"),
}


def jurisdiction_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=lambda: (
            [("", _("Any"))] + [(j.code, j.name) for j in Jurisdiction.objects.order_by("name")]
        ),
    )


class CasesFilter(forms.Form):
    state = forms.ChoiceField(
        label=_("Cases"),
        required=False,
        choices=[("", _("Open")), ("closed", _("Closed")), ("all", _("All"))],
    )
    jurisdiction = jurisdiction_field()


class OrdersFilter(forms.Form):
    state = forms.ChoiceField(
        label=_("Orders"),
        required=False,
        choices=[("", _("Not carried out yet")), *list(ORDER_STATES.items())],
    )
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("Any")), *list(REASONS.items())]
    )
    jurisdiction = jurisdiction_field()


class FinesFilter(forms.Form):
    text = forms.CharField(label=_("Sponsor's name or e-mail"), required=False, max_length=200)
    code = forms.ChoiceField(label=_("Reason"), required=False)
    jurisdiction = jurisdiction_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = [(c, f"{refusals.message_of(c)} ({c})") for c in selectors.fine_codes()]
        self.fields["code"].choices = [("", _("Any")), *codes]  # type: ignore[attr-defined]


class AmnestyFilter(forms.Form):
    path = forms.ChoiceField(
        label=_("Path"), required=False, choices=[("", _("Any")), *list(PATHS.items())]
    )
    jurisdiction = jurisdiction_field()


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""


def visa_cell(visa_id: int) -> Cell:
    return Cell(reference(visa_id), reverse("web:authority_visa", args=[visa_id]))


def name(user: User) -> str:
    return user.full_name or user.email


def case_row(case: EnforcementCase) -> list[Cell]:
    closed = day(case.closed_on) if case.closed_on else str(_("open"))
    return [
        visa_cell(case.visa_id),
        Cell(name(case.visa.migrant)),
        Cell(day(case.opened_on)),
        Cell(closed),
    ]


def order_state(order: DeportationOrder) -> str:
    if order.executed_on:
        return str(ORDER_STATES[OrderState.EXECUTED])
    if order.effective_on is None:
        return str(ORDER_STATES[OrderState.WAITING])
    due = order.effective_on <= today()
    return str(ORDER_STATES[OrderState.DUE if due else OrderState.SCHEDULED])


def order_row(order: DeportationOrder) -> list[Cell]:
    effective = day(order.effective_on) if order.effective_on else "—"
    return [
        visa_cell(order.visa_id),
        Cell(name(order.visa.migrant)),
        Cell(str(REASONS.get(order.reason, order.reason))),
        Cell(day(order.issued_on)),
        Cell(effective),
        Cell(order_state(order)),
    ]


def fine_row(fine: Fine) -> list[Cell]:
    return [
        visa_cell(fine.visa_id),
        Cell(name(fine.sponsor)),
        Cell(f"{refusals.message_of(fine.code)} ({fine.code})"),
        Cell(money(fine.amount, fine.currency)),
        Cell(day(fine.issued_at.date())),
    ]


def amnesty_row(intake: AmnestyApplication) -> list[Cell]:
    return [
        Cell(name(intake.person), reverse("web:authority_people") + f"?q=P-{intake.person_id}"),
        Cell(intake.jurisdiction.name),
        Cell(str(PATHS.get(intake.path, intake.path))),
        Cell(day(intake.received_on)),
        Cell(name(intake.recorded_by)),
    ]


@dataclass(frozen=True)
class Record:
    """One of the lists: its title, filter, query and columns."""

    title: Promise
    intro: Promise
    filter: type[forms.Form]
    rows: Callable[[User, dict[str, Any]], QuerySet[Any]]
    columns: Sequence[Promise]
    row: Callable[[Any], list[Cell]]


RECORDS: dict[str, Record] = {
    "enforcement": Record(
        _("Enforcement cases"),
        _("A case opens when a migrant disappears, and closes when the migrant is found."),
        CasesFilter,
        lambda u, f: selectors.enforcement_cases(u, **f),
        [_("Visa"), _("Migrant"), _("Opened"), _("Closed")],
        case_row,
    ),
    "deportations": Record(
        _("Deportation orders"),
        _("By their effective date: those still waiting for one (a sentence being served) last."),
        OrdersFilter,
        lambda u, f: selectors.deportation_orders(u, today(), **f),
        [_("Visa"), _("Migrant"), _("Reason"), _("Issued"), _("Effective"), _("Where it stands")],
        order_row,
    ),
    "fines": Record(
        _("Unpaid fines"),
        _("The fines a sponsor has not paid yet, the oldest first."),
        FinesFilter,
        lambda u, f: selectors.unpaid_fines(u, **f),
        [_("Visa"), _("Sponsor"), _("Reason"), _("Amount"), _("Levied")],
        fine_row,
    ),
    "amnesty": Record(
        _("Amnesty intakes"),
        _("The people already in the country who entered through the one-time amnesty."),
        AmnestyFilter,
        lambda u, f: selectors.amnesty_intakes(u, **f),
        [_("Person"), _("Country"), _("Path"), _("Received"), _("Recorded by")],
        amnesty_row,
    ),
}


def listed(request: HttpRequest, kind: str) -> HttpResponse:
    record = RECORDS[kind]
    search = record.filter(request.GET)
    chosen = search.cleaned_data if search.is_valid() else {}
    page = sliced(request, record.rows(person(request), chosen))
    context = {
        "record": record,
        "search": search,
        "page": page,
        "rows": [record.row(item) for item in page.items],
    }
    return render(request, "web/authority/records.html", context)


@for_role(Role.AUTHORITY)
def enforcement(request: HttpRequest) -> HttpResponse:
    return listed(request, "enforcement")


@for_role(Role.AUTHORITY)
def deportations(request: HttpRequest) -> HttpResponse:
    return listed(request, "deportations")


@for_role(Role.AUTHORITY)
def fines(request: HttpRequest) -> HttpResponse:
    return listed(request, "fines")


@for_role(Role.AUTHORITY)
def amnesty(request: HttpRequest) -> HttpResponse:
    return listed(request, "amnesty")


@dataclass(frozen=True)
class VisaRecords:
    fines: list[list[Cell]]
    case: EnforcementCase | None
    order: DeportationOrder | None
    complaints: list[Complaint]


def records_of(visa: Visa) -> VisaRecords:
    """What the program holds on a visa beyond its timeline: its fines, enforcement case,
    deportation order and complaints."""
    return VisaRecords(
        fines=[fine_row(f) for f in Fine.objects.filter(visa=visa).order_by("issued_at", "pk")],
        case=EnforcementCase.objects.filter(visa=visa).first(),
        order=DeportationOrder.objects.filter(visa=visa).first(),
        complaints=list(Complaint.objects.filter(visa=visa).order_by("-filed_at", "-pk")),
    )


@for_role(Role.AUTHORITY)
def visa(request: HttpRequest, visa_id: int) -> HttpResponse:
    """A visa as the authority reads it: its timeline, and its records."""
    page = visa_selectors.visa_page(person(request), visa_id)
    found = page["visa"]
    assert isinstance(found, Visa)
    context = {**page, "report_page": "web:authority_report", "records": records_of(found)}
    return render(request, "web/authority/visa.html", context)


@for_role(Role.AUTHORITY)
def report(request: HttpRequest, visa_id: int, event: str) -> HttpResponse:
    """A crime, a sentence served, a finding, a deportation (or any event the visa can take):
    the day, then every consequence with its amount and day, then the record."""
    return report_page(request, visa_id, event, "web:authority_visa")


def count(kind: str) -> Callable[[User], int]:
    return lambda authority: RECORDS[kind].rows(authority, {}).count()


for position, (kind, url_name, label) in enumerate(
    [
        ("enforcement", "web:authority_enforcement", _("Open enforcement cases")),
        ("deportations", "web:authority_deportations", _("Deportation orders not carried out")),
        ("fines", "web:authority_fines", _("Unpaid fines")),
        ("amnesty", "web:authority_amnesty", _("Amnesty intakes")),
    ]
):
    authority_dashboard.register(
        authority_dashboard.Queue(label, url_name, count(kind), position=50 + 10 * position)
    )

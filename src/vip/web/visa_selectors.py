"""What a visa's pages show, read from the visa, ledger and policy domains and named in the
person's language: the decision's reasons with their parameters, the timeline, the consequences
an event would have, a person's money. No rule is decided here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.ledger import selectors as ledger
from vip.ledger.models import Leg, TransactionKind
from vip.money import Money
from vip.people.models import User
from vip.policy.parameters import jurisdiction
from vip.visas.consequences import Foreseen, ForeseenKind
from vip.visas.models import (
    Complaint,
    ComplaintCategory,
    Event,
    Fine,
    Insurance,
    Procedure,
    Status,
    SupportObligation,
    Visa,
)
from vip.visas.selectors import reportable_events, visible_visa
from vip.web import refusals
from vip.web.names import complaint_status_name, status_name
from vip.web.selectors import reference
from vip.web.templatetags.vip_format import day, in_unit, money

# What moved a visa on its timeline: the lifecycle's events and the platform's own steps.
STEPS: dict[str, Promise] = {
    Procedure.APPLIED: _("Application sent"),
    Procedure.ISSUED: _("Issued after a visa auction"),
    Procedure.DECIDED: _("Decided by the immigration office"),
    Procedure.TRANSFERRED: _("Moved to another sponsor"),
    Procedure.TERM_ENDED: _("The agreement ran its term"),
    Event.ARRIVED: _("Arrived"),
    Event.EMPLOYED: _("At work"),
    Event.UNEMPLOYED: _("Out of work"),
    Event.HOSPITALIZED: _("In hospital"),
    Event.COMPLETED: _("Completed"),
    Event.LEFT: _("Left the program"),
    Event.DISAPPEARED: _("Disappeared"),
    Event.FOUND: _("Found"),
    Event.CRIME_CONVICTED: _("Convicted of a crime"),
    Event.SENTENCE_SERVED: _("Sentence served"),
    Event.DEPORTED: _("Deported"),
}
# The report a person makes, as a link on the visa's page.
REPORTS: dict[str, Promise] = {
    Event.ARRIVED: _("Report the arrival"),
    Event.EMPLOYED: _("Report that the worker works"),
    Event.UNEMPLOYED: _("Report that the worker is out of work"),
    Event.HOSPITALIZED: _("Report a stay in hospital"),
    Event.COMPLETED: _("Report that the agreement is completed"),
    Event.LEFT: _("Leave the program"),
    Event.DISAPPEARED: _("Report that the worker disappeared"),
    # The authority's alone (the lifecycle's REPORTERS).
    Event.FOUND: _("Record that the worker was found"),
    Event.CRIME_CONVICTED: _("Record a conviction for a crime"),
    Event.SENTENCE_SERVED: _("Record that the sentence is served"),
    Event.DEPORTED: _("Record the deportation"),
}
# What the migrant does himself, as another (the authority) records it.
RECORDED_FOR_HIM: dict[str, Promise] = {Event.LEFT: _("Record that the worker left the program")}
ENTRY_KINDS: dict[str, Promise] = {
    TransactionKind.FINE: _("Fine"),
    TransactionKind.FINE_PAYMENT: _("Fine paid"),
    TransactionKind.SUPPORT: _("Support while out of work"),
    TransactionKind.SUPPORT_REFUND: _("Support given back"),
    TransactionKind.GAIN_SHARE: _("Share of the gain"),
    TransactionKind.AUCTION_FEE: _("Visa auction: registration fee"),
    TransactionKind.AUCTION_DEPOSIT: _("Visa auction: deposit"),
    TransactionKind.AUCTION_PAYMENT: _("Visa auction: price of the visa"),
    TransactionKind.AUCTION_REFUND: _("Visa auction: paid back"),
    TransactionKind.AUCTION_FORFEIT: _("Visa auction: deposit kept"),
    TransactionKind.SOCIAL_DIVIDEND: _("Social dividend"),
}
CATEGORIES: dict[str, Promise] = {
    ComplaintCategory.SAFETY: _("Safety"),
    ComplaintCategory.ABUSE: _("Abuse"),
    ComplaintCategory.PAY: _("Wages"),
    ComplaintCategory.HOUSING: _("Housing"),
    ComplaintCategory.OTHER: _("Other"),
}


@dataclass(frozen=True)
class ShownReason:
    code: str
    message: str
    parameter: str
    value: str  # the parameter's value when the application was decided, for the locale


def parameter_value(code: str, name: str, on: dt.date) -> str:
    """A parameter's value on a day, formatted by its unit; "" for a community's own rule."""
    found = jurisdiction(code)
    if name not in found.parameters:
        return ""
    parameter = found.parameters[name]
    return in_unit(parameter.at(on), parameter.unit, found.currency)


def reasons(visa: Visa) -> list[ShownReason]:
    on = (visa.decided_at or visa.applied_at).date()
    return [
        ShownReason(
            code=r["code"],
            message=refusals.message_of(r["code"], r["message"]),
            parameter=r.get("parameter") or "",
            value=parameter_value(visa.jurisdiction_id, r["parameter"], on)
            if r.get("parameter")
            else "",
        )
        for r in visa.reasons
    ]


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    name: str
    status: str
    reason: str


def timeline(visa: Visa) -> list[Step]:
    return [
        Step(
            at=c.at,
            name=str(STEPS.get(c.event, c.event)),
            status=status_name(c.to_status),
            reason=c.reason,
        )
        for c in visa.status_changes.all()
    ]


@dataclass(frozen=True)
class Reported:
    """An event reported on the visa (some change no status: out of work, at work again)."""

    on: dt.date
    name: str
    at: dt.datetime


def reported(visa: Visa) -> list[Reported]:
    return [
        Reported(on=i.occurred_on, name=str(STEPS.get(i.kind, i.kind)), at=i.reported_at)
        for i in visa.incidents.all()
    ]


@dataclass(frozen=True)
class Reportable:
    event: str
    name: str


def report_name(event: Event, his_own: bool) -> str:
    """The migrant leaves; the authority records that he left."""
    return str(REPORTS[event] if his_own else RECORDED_FOR_HIM.get(event, REPORTS[event]))


def reports(events: list[Event], his_own: bool) -> list[Reportable]:
    return [Reportable(e.value, report_name(e, his_own)) for e in events if e in REPORTS]


@dataclass(frozen=True)
class ConsequenceLine:
    """One line of a confirmation: what follows, and its amount."""

    text: str
    amount: str = ""
    code: str = ""


# A confirmation's words for each thing a report brings about (%(why)s: a fine's reason,
# %(monthly)s: the support a month, %(on)s: the day an order takes effect, a bar ends); its
# amount follows them.
FORESEEN: dict[ForeseenKind, Promise] = {
    ForeseenKind.FINE: _("A fine on the sponsor: %(why)s"),
    ForeseenKind.SUPPORT_STARTS: _(
        "The sponsor pays the worker %(monthly)s a month until they work again; due now:"
    ),
    ForeseenKind.SUPPORT_ENDS: _(
        "The support of %(monthly)s a month ends; still due up to that day:"
    ),
    ForeseenKind.SUPPORT_REFUND: _(
        "The days of the month no longer needed go back to the sponsor:"
    ),
    ForeseenKind.ENFORCEMENT_CASE: _("The immigration office opens a case to find the worker."),
    ForeseenKind.ENFORCEMENT_CLOSED: _("The case to find the worker is closed on %(on)s."),
    ForeseenKind.DEPORTATION_ORDER: _(
        "The immigration office orders the deportation of the worker, effective on %(on)s."
    ),
    ForeseenKind.DEPORTATION_EFFECTIVE: _(
        "The deportation order takes effect on %(on)s: from that day the worker may be deported."
    ),
    ForeseenKind.BAR: _(
        "The worker leaves the country and may not come back in the program until %(on)s."
    ),
}
# A conviction's order waits for the sentence: it has no day yet.
ORDER_WAITING = _(
    "The immigration office orders the deportation of the worker, effective once the sentence is "
    "served."
)


def shown(amount: Money | None) -> str:
    return money(amount.amount, amount.currency) if amount else ""


def words(f: Foreseen) -> str:
    if f.kind == ForeseenKind.DEPORTATION_ORDER and f.on is None:
        return str(ORDER_WAITING)
    return str(
        FORESEEN[f.kind]
        % {
            "why": refusals.message_of(f.code) if f.code else "",
            "monthly": shown(f.monthly),
            "on": day(f.on) if f.on else "",
        }
    )


def consequences(foreseen: list[Foreseen]) -> list[ConsequenceLine]:
    return [ConsequenceLine(words(f), shown(f.amount), f.code or f.parameter) for f in foreseen]


@dataclass(frozen=True)
class Balance:
    amount: str
    owed_to_him: bool
    owes: bool


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    kind: str
    amount: str
    incoming: bool


@dataclass(frozen=True)
class FineRow:
    code: str
    reason: str
    parameter: str
    amount: str
    issued_at: dt.datetime
    paid: bool


@dataclass(frozen=True)
class Support:
    monthly: str
    since: dt.date
    months_posted: int


@dataclass(frozen=True)
class Books:
    balances: list[Balance]
    entries: list[Entry]
    fines: list[FineRow]
    support: list[Support]


def money_of(person: User) -> Books:
    """A person's balance per currency (positive: owed to him), his entries, the fines on him (a
    sponsor), the support running on his visa (paid by the sponsor to the migrant)."""
    legs: list[Leg] = ledger.entries(person)
    fines = Fine.objects.filter(sponsor=person).order_by("-issued_at", "-pk")
    support = SupportObligation.objects.filter(
        Q(visa__sponsor=person) | Q(visa__migrant=person), ended_on=None
    )
    return Books(
        balances=[
            Balance(money(total, currency), total > 0, total < 0)
            for currency, total in ledger.balances(person).items()
        ],
        entries=[
            Entry(
                at=leg.transaction.at,
                kind=str(ENTRY_KINDS.get(leg.transaction.kind, leg.transaction.kind)),
                amount=money(leg.amount, leg.currency),
                incoming=leg.amount > 0,
            )
            for leg in legs
        ],
        fines=[
            FineRow(
                code=f.code,
                reason=refusals.message_of(f.code),
                parameter=f.parameter,
                amount=money(f.amount, f.currency),
                issued_at=f.issued_at,
                paid=f.paid_at is not None,
            )
            for f in fines
        ],
        support=[
            Support(money(s.monthly_amount, s.currency), s.started_on, s.months_posted)
            for s in support
        ],
    )


@dataclass(frozen=True)
class ComplaintRow:
    category: str
    text: str
    filed_at: dt.datetime
    answer: str = ""  # the immigration office's answer, once it has given one
    status: str = ""  # in his language
    escalated: bool = False  # raised as urgent (why is the office's note, not his to read)


def complaints(person: User, visa: Visa) -> list[ComplaintRow]:
    """The complaints he filed on this visa, newest first."""
    mine = Complaint.objects.filter(visa=visa, filed_by=person).order_by("-filed_at", "-pk")
    return [
        ComplaintRow(
            str(CATEGORIES.get(c.category, c.category)),
            c.text,
            c.filed_at,
            c.answer,
            complaint_status_name(c.status),
            c.escalated_at is not None,
        )
        for c in mine
    ]


def visa_page(user: User, visa_id: int) -> dict[str, object]:
    """The visa as its sponsor or its migrant sees it: status, timeline, what he may report."""
    visa = visible_visa(user, visa_id)
    return {
        "visa": visa,
        "ref": reference(visa.pk),
        "status": status_name(visa.status),
        "active": visa.status == Status.ACTIVE,
        "timeline": timeline(visa),
        "reported": reported(visa),
        "reports": reports(reportable_events(user, visa), user.pk == visa.migrant_id),
        "insurance": Insurance.objects.filter(visa=visa).first(),
    }

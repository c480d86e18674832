"""What an event does beyond the status: fines, support, enforcement, deportation, all posted
and audited. Called only from visas.services, inside its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.calendar import add_months, months_begun
from vip.clock import now, today
from vip.errors import Conflict
from vip.ledger import services as ledger
from vip.ledger.models import TransactionKind
from vip.money import Money
from vip.notifications.models import NotificationKind
from vip.notifications.services import notify, notify_others
from vip.people.models import User
from vip.policy.parameters import Parameters, parameters
from vip.visas.models import (
    DeportationOrder,
    EnforcementCase,
    Event,
    Fine,
    Incident,
    SupportObligation,
    Visa,
)


class Effect(StrEnum):
    """What a consequence is about."""

    FINE = "fine"
    SUPPORT_OBLIGATION = "support_obligation"
    ENFORCEMENT_CASE = "enforcement_case"
    DEPORTATION_ORDER = "deportation_order"


@dataclass(frozen=True)
class Consequence:
    """One thing an event did, as its reporter is told: a fine levied (its reason code, parameter
    and amount), support opened (its parameter and what was due at once) or ended, an enforcement
    case opened or closed, a deportation order issued (`effective_on` None until the sentence is
    served), made effective or executed. `id` is the row's (the fine's, the obligation's, ...).
    Support that ends where `support.prorate_month_begun` is true says what went back to the
    sponsor (`refunded`)."""

    kind: Effect
    id: int
    code: str | None = None
    parameter: str | None = None
    amount: Money | None = None
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    ended_on: dt.date | None = None
    effective_on: dt.date | None = None
    executed_on: dt.date | None = None
    refunded: Money | None = None  # support ended partway through a month, prorated


def record_incident(
    visa: Visa, event: Event, occurred_on: dt.date, actor: User, details: dict[str, Any]
) -> Incident:
    incident = Incident.objects.create(
        visa=visa,
        kind=event.value,
        occurred_on=occurred_on,
        reported_at=now(),
        reported_by=actor,
        details=details,
    )
    audit.record(
        actor=actor,
        action=Action.INCIDENT_REPORTED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"kind": event.value, "occurred_on": occurred_on},
    )
    return incident


def sponsor_of(visa: Visa) -> User:
    """The sponsor a fine or support falls on: a VIP visa's (an auction visa has none, so
    nothing here is levied on it: sponsor_fines, on_unemployed)."""
    assert visa.sponsor is not None, "an auction visa has no sponsor"
    return visa.sponsor


def levy_fine(
    visa: Visa, code: str, parameter: str, params: Parameters, actor: User
) -> Consequence:
    money = params.money(parameter)
    sponsor = sponsor_of(visa)
    fine = Fine.objects.create(
        sponsor=sponsor,
        visa=visa,
        code=code,
        parameter=parameter,
        amount=money.amount,
        currency=money.currency,
        issued_at=now(),
    )
    ledger.transfer(
        kind=TransactionKind.FINE,
        memo=f"{code} on visa {visa.pk}",
        debtor=ledger.person_account(sponsor, money.currency),
        creditor=ledger.program_account(ledger.FINES, money.currency),
        money=money,
        visa_id=visa.pk,
        actor=actor,
    )
    audit.record(
        actor=actor,
        action=Action.FINE_LEVIED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"code": code, "amount": money.amount},
    )
    notify(
        sponsor, NotificationKind.FINE_LEVIED, fine.pk
    )  # even when he reported it: it is his to pay
    return Consequence(Effect.FINE, fine.pk, code=code, parameter=parameter, amount=money)


def months_due(obligation: SupportObligation, until: dt.date) -> int:
    """The months begun up to `until` that are not posted yet."""
    return max(months_begun(obligation.started_on, until) - obligation.months_posted, 0)


def fines_due(event: Event, day: dt.date, params: Parameters) -> list[tuple[str, str]]:
    """The fines an event levies on the sponsor, as (reason code, parameter of the amount)."""
    if event == Event.CRIME_CONVICTED:
        return [("FINE_CRIME", "fine.crime")]
    if event != Event.DISAPPEARED:
        return []
    fines = [("FINE_DISAPPEARANCE", "fine.disappearance")]
    if (today() - day).days > params["disappearance.report_window_days"]:
        fines.append(("FINE_DISAPPEARANCE_LATE_REPORT", "fine.disappearance_late_extra"))
    return fines


def sponsor_fines(
    visa: Visa, event: Event, day: dt.date, params: Parameters
) -> list[tuple[str, str]]:
    """The fines the event levies on this visa's sponsor: none on an auction visa (no sponsor)."""
    return fines_due(event, day, params) if visa.sponsor_id is not None else []


def post_support(obligation: SupportObligation, until: dt.date, actor: User | None) -> int:
    due = months_due(obligation, until)
    if due == 0:
        return 0
    visa = obligation.visa
    money = Money(obligation.monthly_amount * due, obligation.currency)
    ledger.transfer(
        kind=TransactionKind.SUPPORT,
        memo=f"support, {due} month(s), visa {visa.pk}",
        debtor=ledger.person_account(sponsor_of(visa), money.currency),
        creditor=ledger.person_account(visa.migrant, money.currency),
        money=money,
        visa_id=visa.pk,
        actor=actor,
    )
    obligation.months_posted += due
    obligation.save(update_fields=["months_posted"])
    return due


def unused_part(started_on: dt.date, months_charged: int, day: dt.date) -> Fraction:
    """The part of the last month charged that lies on or after the day support ends."""
    if months_charged == 0:
        return Fraction(0)
    month_ends = add_months(started_on, months_charged)
    month_began = add_months(started_on, months_charged - 1)
    unused = (month_ends - max(day, month_began)).days
    return Fraction(max(unused, 0), (month_ends - month_began).days)


def refund_support(obligation: SupportObligation, day: dt.date, actor: User | None) -> Money:
    """Prorating (`support.prorate_month_begun`): the sponsor gets back the days not used."""
    visa = obligation.visa
    money = Money(obligation.monthly_amount, obligation.currency).times(
        unused_part(obligation.started_on, obligation.months_posted, day)
    )
    if money.amount:
        ledger.transfer(
            kind=TransactionKind.SUPPORT_REFUND,
            memo=f"support not used from {day}, visa {visa.pk}",
            debtor=ledger.person_account(visa.migrant, money.currency),
            creditor=ledger.person_account(sponsor_of(visa), money.currency),
            money=money,
            visa_id=visa.pk,
            actor=actor,
        )
    return money


def close_support(visa: Visa, day: dt.date, actor: User | None) -> list[Consequence]:
    """Support ends the day before he works again, leaves or the visa ends; the month begun is
    kept or prorated as the parameter in force that day says."""
    out = []
    prorate = parameters(visa.jurisdiction_id, day)["support.prorate_month_begun"]
    for obligation in visa.support_obligations.select_for_update().filter(ended_on=None):
        post_support(obligation, day - dt.timedelta(days=1), actor)
        refunded = refund_support(obligation, day, actor) if prorate else None
        obligation.ended_on = day
        obligation.save(update_fields=["ended_on"])
        audit.record(
            actor=actor,
            action=Action.SUPPORT_ENDED,
            object_type=Subject.VISA,
            object_id=visa.pk,
            data={"on": day},
        )
        out.append(
            Consequence(Effect.SUPPORT_OBLIGATION, obligation.pk, ended_on=day, refunded=refunded)
        )
    return out


def accrue_all(day: dt.date, actor: User | None) -> int:
    # Lock the obligations only (not their visas): an event locks its visa, then its support.
    open_obligations = SupportObligation.objects.select_for_update(of=("self",)).filter(
        ended_on=None
    )
    return sum(post_support(o, day, actor) for o in open_obligations.select_related("visa"))


def on_unemployed(visa: Visa, day: dt.date, params: Parameters, actor: User) -> list[Consequence]:
    if visa.sponsor_id is None:
        return []  # an auction visa: nobody sponsors him, nobody owes him support
    if visa.support_obligations.filter(ended_on=None).exists():
        raise Conflict("ALREADY_UNEMPLOYED", "a support obligation is open already")
    monthly = params.money("support.monthly_unemployment")
    obligation = SupportObligation.objects.create(
        visa=visa, monthly_amount=monthly.amount, currency=monthly.currency, started_on=day
    )
    post_support(obligation, today(), actor)
    audit.record(
        actor=actor,
        action=Action.SUPPORT_OPENED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"monthly": monthly.amount},
    )
    notify_others(visa.parties(), actor, NotificationKind.SUPPORT_DUE, visa.pk)
    return [
        Consequence(
            Effect.SUPPORT_OBLIGATION,
            obligation.pk,
            parameter="support.monthly_unemployment",
            amount=monthly,
        )
    ]


def on_crime(visa: Visa, day: dt.date, params: Parameters, actor: User) -> list[Consequence]:
    out = close_support(visa, day, actor)
    out += [
        levy_fine(visa, *fine, params, actor)
        for fine in sponsor_fines(visa, Event.CRIME_CONVICTED, day, params)
    ]
    order = DeportationOrder.objects.create(visa=visa, reason="CRIME_CONVICTED", issued_on=day)
    audit.record(
        actor=actor,
        action=Action.DEPORTATION_ORDERED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"reason": order.reason},
    )
    out.append(Consequence(Effect.DEPORTATION_ORDER, order.pk, code=order.reason))
    return out


def on_sentence_served(
    visa: Visa, day: dt.date, params: Parameters, actor: User
) -> list[Consequence]:
    order = visa.deportation_order
    order.effective_on = day
    order.save(update_fields=["effective_on"])
    audit.record(
        actor=actor,
        action=Action.DEPORTATION_EFFECTIVE,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"on": day},
    )
    return [Consequence(Effect.DEPORTATION_ORDER, order.pk, code=order.reason, effective_on=day)]


def on_disappeared(visa: Visa, day: dt.date, params: Parameters, actor: User) -> list[Consequence]:
    out = close_support(visa, day, actor)
    out += [
        levy_fine(visa, *fine, params, actor)
        for fine in sponsor_fines(visa, Event.DISAPPEARED, day, params)
    ]
    case = EnforcementCase.objects.create(visa=visa, opened_on=today())
    audit.record(
        actor=actor,
        action=Action.ENFORCEMENT_OPENED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"case": case.pk},
    )
    out.append(Consequence(Effect.ENFORCEMENT_CASE, case.pk, opened_on=case.opened_on))
    return out


def on_found(visa: Visa, day: dt.date, params: Parameters, actor: User) -> list[Consequence]:
    case = visa.enforcement_case
    case.closed_on = day
    case.save(update_fields=["closed_on"])
    order = DeportationOrder.objects.create(
        visa=visa, reason="FOUND_AFTER_DISAPPEARANCE", issued_on=day, effective_on=day
    )
    audit.record(
        actor=actor,
        action=Action.DEPORTATION_ORDERED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"reason": order.reason},
    )
    return [
        Consequence(Effect.ENFORCEMENT_CASE, case.pk, closed_on=day),
        Consequence(Effect.DEPORTATION_ORDER, order.pk, code=order.reason, effective_on=day),
    ]


def on_deported(visa: Visa, day: dt.date, params: Parameters, actor: User) -> list[Consequence]:
    order = visa.deportation_order
    if order.effective_on is None or order.effective_on > day:
        raise Conflict("DEPORTATION_NOT_EFFECTIVE", "the order takes effect when the sentence ends")
    order.executed_on = day
    order.save(update_fields=["executed_on"])
    profile = visa.migrant.migrant_profile
    years = params["deportation.bar_years"]
    profile.barred_until = add_months(day, 12 * years)
    profile.in_country = False
    profile.save(update_fields=["barred_until", "in_country"])
    audit.record(
        actor=actor,
        action=Action.DEPORTATION_EXECUTED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"barred_until": profile.barred_until},
    )
    return [Consequence(Effect.DEPORTATION_ORDER, order.pk, code=order.reason, executed_on=day)]


def on_ending(visa: Visa, day: dt.date, params: Parameters, actor: User) -> list[Consequence]:
    return close_support(visa, day, actor)


def no_consequence(visa: Visa, day: dt.date, params: Parameters, actor: User) -> list[Consequence]:
    return []


Handler = Callable[[Visa, dt.date, Parameters, User], list[Consequence]]
HANDLERS: dict[Event, Handler] = {
    Event.ARRIVED: no_consequence,
    Event.HOSPITALIZED: no_consequence,
    Event.EMPLOYED: on_ending,
    Event.COMPLETED: on_ending,
    Event.LEFT: on_ending,  # his right to leave: no fine, no penalty to anyone
    Event.UNEMPLOYED: on_unemployed,
    Event.CRIME_CONVICTED: on_crime,
    Event.SENTENCE_SERVED: on_sentence_served,
    Event.DISAPPEARED: on_disappeared,
    Event.FOUND: on_found,
    Event.DEPORTED: on_deported,
}


def carry_out(
    visa: Visa, event: Event, day: dt.date, params: Parameters, actor: User
) -> list[Consequence]:
    """Everything the event does beyond the status (`foresee` states it beforehand)."""
    return HANDLERS[event](visa, day, params, actor)


class ForeseenKind(StrEnum):
    """What a report would bring about, as its confirmation states it."""

    FINE = "fine"
    SUPPORT_STARTS = "support_starts"
    SUPPORT_ENDS = "support_ends"
    SUPPORT_REFUND = "support_refund"
    ENFORCEMENT_CASE = "enforcement_case"
    ENFORCEMENT_CLOSED = "enforcement_closed"
    DEPORTATION_ORDER = "deportation_order"
    DEPORTATION_EFFECTIVE = "deportation_effective"
    BAR = "bar"


@dataclass(frozen=True)
class Foreseen:
    """A consequence an event would have, stated before it is reported: a fine (its reason code
    and parameter), support that starts (monthly, and what is due at once) or ends (what is still
    due up to the day, and where the month begun is prorated what goes back to the sponsor), an
    enforcement case opened or closed, a deportation order (`on` its effective day, None while it
    waits for the sentence to be served) or the day it takes effect, the bar from the program a
    deportation brings (`on` the day it ends, `parameter` its length)."""

    kind: ForeseenKind
    code: str = ""
    parameter: str = ""
    amount: Money | None = None
    monthly: Money | None = None
    on: dt.date | None = None


def foresee(visa: Visa, event: Event, day: dt.date, params: Parameters) -> list[Foreseen]:
    """What `carry_out` would do for the event on that day, computed by the same functions, written
    nowhere: the confirmation a person reads before he sends a report."""
    out = []
    if HANDLERS[event] in {on_ending, on_crime, on_disappeared}:
        for obligation in visa.support_obligations.filter(ended_on=None):
            monthly = Money(obligation.monthly_amount, obligation.currency)
            due = months_due(obligation, day - dt.timedelta(days=1))
            out.append(
                Foreseen(ForeseenKind.SUPPORT_ENDS, amount=monthly.times(due), monthly=monthly)
            )
            if params["support.prorate_month_begun"]:
                charged = obligation.months_posted + due
                unused = unused_part(obligation.started_on, charged, day)
                out.append(
                    Foreseen(
                        ForeseenKind.SUPPORT_REFUND,
                        parameter="support.prorate_month_begun",
                        amount=monthly.times(unused),
                    )
                )
    if event == Event.UNEMPLOYED and visa.sponsor_id is not None:
        monthly = params.money("support.monthly_unemployment")
        out.append(
            Foreseen(
                ForeseenKind.SUPPORT_STARTS,
                parameter="support.monthly_unemployment",
                amount=monthly.times(months_begun(day, today())),
                monthly=monthly,
            )
        )
    out += [
        Foreseen(ForeseenKind.FINE, code, parameter, params.money(parameter))
        for code, parameter in sponsor_fines(visa, event, day, params)
    ]
    return out + foresee_enforcement(event, day, params)


def foresee_enforcement(event: Event, day: dt.date, params: Parameters) -> list[Foreseen]:
    """The case, order and bar the handlers above would write, with the days they would set."""
    if event == Event.DISAPPEARED:
        return [Foreseen(ForeseenKind.ENFORCEMENT_CASE)]
    if event == Event.CRIME_CONVICTED:  # effective once the sentence is served (on_crime)
        return [Foreseen(ForeseenKind.DEPORTATION_ORDER, code="CRIME_CONVICTED")]
    if event == Event.FOUND:
        return [
            Foreseen(ForeseenKind.ENFORCEMENT_CLOSED, on=day),
            Foreseen(ForeseenKind.DEPORTATION_ORDER, code="FOUND_AFTER_DISAPPEARANCE", on=day),
        ]
    if event == Event.SENTENCE_SERVED:
        return [Foreseen(ForeseenKind.DEPORTATION_EFFECTIVE, on=day)]
    if event == Event.DEPORTED:
        years = params["deportation.bar_years"]
        return [
            Foreseen(
                ForeseenKind.BAR, parameter="deportation.bar_years", on=add_months(day, 12 * years)
            )
        ]
    return []

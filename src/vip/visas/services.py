"""Every change to a visa: application, review, lifecycle events, earnings, fines, amnesty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from vip.agreements.models import Agreement, AgreementStatus
from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.calendar import add_months
from vip.clock import now, today
from vip.communities.models import Community
from vip.errors import Conflict, Forbidden, Invalid, NotFound, either, role_required
from vip.ledger import services as ledger
from vip.ledger.models import TransactionKind
from vip.matching import indexes
from vip.matching.services import close_requests
from vip.money import Money
from vip.notifications.models import NotificationKind
from vip.notifications.services import notify_others
from vip.people.models import Role, User
from vip.policy.parameters import Parameters, parameters
from vip.visas import consequences
from vip.visas.lifecycle import next_status
from vip.visas.models import (
    AmnestyApplication,
    AmnestyPath,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    EarningsReport,
    Event,
    Fine,
    Insurance,
    Procedure,
    Status,
    StatusChange,
    Visa,
    VisaKind,
)
from vip.visas.rules import REVIEW_OUTCOMES, InsuranceFacts, Outcome, decide, decide_auction_visa
from vip.visas.selectors import (
    application_facts,
    auction_visa_facts,
    earnings_share,
    may_accrue_support,
    may_apply,
    may_complain,
    may_decide_review,
    may_read_complaints,
    may_record_amnesty,
    may_record_fine_payment,
    may_report_earnings,
    refuse_report,
    visible_fine,
    visible_visa,
)

UNIQUE_CONFLICTS = {
    "one_live_visa_per_sponsor": "SPONSOR_HAS_ACTIVE_SPONSORSHIP",
    "one_live_visa_per_migrant": "MIGRANT_HAS_ACTIVE_VISA",
}


@dataclass(frozen=True)
class InsuranceTerms:
    provider: str
    policy_number: str
    coverage: Money
    valid_from: dt.date
    valid_to: dt.date


def change_status(
    visa: Visa, to: Status, event: Event | Procedure, actor: User | None, reason: str = ""
) -> None:
    StatusChange.objects.create(
        visa=visa,
        jurisdiction_id=visa.jurisdiction_id,
        from_status=visa.status,
        to_status=to,
        event=event,
        actor=actor,
        at=now(),
        reason=reason,
    )
    audit.record(
        actor=actor,
        action=Action.VISA_STATUS_CHANGED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"from": visa.status, "to": to, "event": event},
        on_behalf_of=visa.sponsor,
    )
    visa.status = to
    visa.save(update_fields=["status"])
    indexes.note_changed(*visa.party_ids())
    notify_others(visa.parties(), actor, NotificationKind.VISA_STATUS_CHANGED, visa.pk)


@contextmanager
def _one_live_visa() -> Iterator[None]:
    """Writes under the partial unique indexes; a race lost is a 409, never a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        for constraint, code in UNIQUE_CONFLICTS.items():
            if constraint in str(error):
                raise Conflict(code, "a concurrent application took this place") from None
        raise


def _create_visa(**fields: Any) -> Visa:
    with _one_live_visa():
        return Visa.objects.create(**fields)


@transaction.atomic(durable=True)
def apply(*, user: User, agreement_id: int, insurance: InsuranceTerms | None) -> Visa:
    agreement = (
        Agreement.objects.select_related("sponsor__community__jurisdiction", "migrant")
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None or not may_apply(user, agreement):
        raise NotFound("AGREEMENT_NOT_FOUND", "no such agreement")
    sponsor = agreement.sponsor
    if sponsor.community is None:
        raise Invalid("SPONSOR_HAS_NO_COMMUNITY", "the sponsor must live in a registered community")
    # The cap is checked and the visa counted under one lock on the community row.
    community = Community.objects.select_for_update(no_key=True).get(pk=sponsor.community.pk)
    params = parameters(community.jurisdiction_id, today())
    transfer_from = (
        Visa.objects.select_for_update()
        .filter(migrant=agreement.migrant, status=Status.ACTIVE)
        .exclude(sponsor=sponsor)
        .first()
    )
    terms = (
        InsuranceFacts(insurance.coverage, insurance.valid_from, insurance.valid_to)
        if insurance
        else None
    )
    # Read after the locks: a concurrent winner may have let this agreement lapse meanwhile.
    agreement.refresh_from_db(fields=["status"])
    decision = decide(application_facts(agreement, params, terms, transfer_from, community))
    if transfer_from is not None and decision.outcome == Outcome.APPROVED:
        consequences.close_support(transfer_from, today(), user)
        change_status(transfer_from, Status.TRANSFERRED, Procedure.TRANSFERRED, user)
    visa = _create_visa(
        agreement=agreement,
        sponsor=sponsor,
        migrant=agreement.migrant,
        community=community,
        jurisdiction_id=community.jurisdiction_id,
        status="",
        outcome=decision.outcome,
        reasons=[r.as_dict() for r in decision.reasons],
        applied_by=user,
        applied_at=now(),
        decided_at=now() if decision.outcome != Outcome.REVIEW else None,
        transferred_from=transfer_from if decision.outcome == Outcome.APPROVED else None,
    )
    _insure(visa, insurance)
    status = Status(decision.outcome)  # each outcome is the status it starts the visa in
    if visa.transferred_from_id:
        status = Status.ACTIVE  # no gap: he stays at work, under his new sponsor
    # The visa takes its live status here, so this is where a concurrent winner is detected.
    with _one_live_visa():
        change_status(
            visa, status, Procedure.APPLIED, user, ", ".join(r.code for r in decision.reasons)
        )
    if decision.outcome == Outcome.APPROVED:
        settle_agreements(visa, user)
    return visa


def _insure(visa: Visa, insurance: InsuranceTerms | None) -> None:
    if insurance:
        Insurance.objects.create(
            visa=visa,
            provider=insurance.provider,
            policy_number=insurance.policy_number,
            coverage=insurance.coverage.amount,
            currency=insurance.coverage.currency,
            valid_from=insurance.valid_from,
            valid_to=insurance.valid_to,
        )


def issue_auction_visa(
    *,
    actor: User,
    migrant: User,
    jurisdiction_id: str,
    starts_on: dt.date,
    term_months: int,
    insurance: InsuranceTerms | None,
) -> Visa:
    """A paid auction seat's visa (inside vip.auctions.services.issue_visa's transaction, which
    checked): the migrant's and the insurance rules of a VIP visa, no sponsor, no agreement, no
    community; decided at once by the authority that issues it (no manual review)."""
    params = parameters(jurisdiction_id, today())
    terms = (
        InsuranceFacts(insurance.coverage, insurance.valid_from, insurance.valid_to)
        if insurance
        else None
    )
    decision = decide_auction_visa(
        auction_visa_facts(migrant, params, terms, starts_on, term_months)
    )
    visa = _create_visa(
        kind=VisaKind.AUCTION,
        migrant=migrant,
        jurisdiction_id=jurisdiction_id,
        starts_on=starts_on,
        term_months=term_months,
        status="",
        outcome=decision.outcome,
        reasons=[r.as_dict() for r in decision.reasons],
        applied_by=actor,
        applied_at=now(),
        decided_by=actor,
        decided_at=now(),
    )
    _insure(visa, insurance)
    with _one_live_visa():
        codes = ", ".join(r.code for r in decision.reasons)
        change_status(visa, Status(decision.outcome), Procedure.ISSUED, actor, codes)
    if decision.outcome == Outcome.APPROVED:
        settle_agreements(visa, actor)
    return visa


def settle_agreements(visa: Visa, actor: User) -> None:
    """A visa granted uses its agreement up, and the migrant's other signed agreements lapse:
    he moves on, or comes back after leaving, only by a fresh signature. The sponsor's open
    requests close: he sponsors one migrant at a time. An auction visa has no agreement or
    sponsor of its own, but his signed agreements lapse all the same."""
    Agreement.objects.filter(pk=visa.agreement_id or 0).update(status=AgreementStatus.USED)
    if visa.sponsor is not None:
        close_requests(visa.sponsor, actor, "visa_approved")
    others = Agreement.objects.filter(migrant_id=visa.migrant_id, status=AgreementStatus.SIGNED)
    lapsed = list(others.values_list("pk", flat=True))
    Agreement.objects.filter(pk__in=lapsed).update(status=AgreementStatus.LAPSED)
    sponsors = Agreement.objects.filter(pk__in=lapsed).values_list("sponsor_id", flat=True)
    indexes.note_changed(*visa.party_ids(), *sponsors)
    audit.record(
        actor=actor,
        action=Action.AGREEMENTS_SETTLED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"used": visa.agreement_id, "lapsed": lapsed},
        on_behalf_of=visa.sponsor,
    )


@transaction.atomic(durable=True)
def decide_review(*, authority: User, visa_id: int, outcome: str, note: str) -> Visa:
    visa = visible_visa(authority, visa_id, for_update=True)  # 404 before 403: no hint
    if not may_decide_review(authority):
        raise role_required(Role.AUTHORITY)
    if visa.status != Status.REVIEW:
        raise Conflict("VISA_NOT_IN_REVIEW", f"the visa is {visa.status}, not in review")
    if outcome not in REVIEW_OUTCOMES:
        raise Invalid("OUTCOME_INVALID", f"the outcome is {either(REVIEW_OUTCOMES)}")
    visa.decided_by, visa.decided_at, visa.decision_note = authority, now(), note
    visa.save(update_fields=["decided_by", "decided_at", "decision_note"])
    change_status(visa, Status(outcome), Procedure.DECIDED, authority, note)
    if outcome == Outcome.APPROVED:
        settle_agreements(visa, authority)
    return visa


@transaction.atomic(durable=True)
def report_event(
    *, user: User, visa_id: int, kind: str, occurred_on: dt.date, details: dict[str, Any]
) -> tuple[Visa, list[consequences.Consequence]]:
    visa = visible_visa(user, visa_id, for_update=True)
    # Lock order, as the support accrual keeps it: the visa, its open support, then the audit
    # log's head (taken by the first audit record below); otherwise the two can deadlock.
    list(visa.support_obligations.select_for_update().filter(ended_on=None))
    try:
        event = Event(kind)
    except ValueError:
        raise Invalid(
            "EVENT_UNKNOWN", f"no event {kind!r}", {"events": [e.value for e in Event]}
        ) from None
    refuse_report(user, visa, event, occurred_on)
    target = next_status(Status(visa.status), event)
    assert target is not None  # refuse_report refused it otherwise
    consequences.record_incident(visa, event, occurred_on, user, details)
    params = parameters(visa.jurisdiction_id, occurred_on)
    results = consequences.carry_out(visa, event, occurred_on, params, user)
    if target != visa.status:
        change_status(visa, target, event, user)
    return visa, results


@transaction.atomic(durable=True)
def report_earnings(*, user: User, visa_id: int, month: dt.date, amount: Money) -> EarningsReport:
    visa = visible_visa(user, visa_id, for_update=True)
    if not may_report_earnings(user, visa):
        raise Forbidden("NOT_THE_MIGRANT", "the migrant reports their own earnings")
    if visa.status != Status.ACTIVE:
        raise Conflict("VISA_NOT_ACTIVE", f"the visa is {visa.status}")
    currency = visa.currency()
    if amount.currency != currency or amount.amount < 0:
        raise Invalid("EARNINGS_INVALID", f"earnings are a non-negative {currency} amount")
    month = month.replace(day=1)
    if month >= today().replace(day=1):
        raise Invalid("EARNINGS_MONTH_NOT_ENDED", "earnings are reported once the month has ended")
    if month < visa.applied_at.date().replace(day=1):
        raise Invalid("DATE_BEFORE_VISA", f"the visa dates from {visa.applied_at.date()}")
    share = earnings_share(visa, amount)
    try:
        with transaction.atomic():
            report = EarningsReport.objects.create(
                visa=visa,
                month=month,
                amount=amount.amount,
                currency=amount.currency,
                gain_share=share.amount,
                reported_at=now(),
            )
    except IntegrityError:
        raise Conflict("EARNINGS_ALREADY_REPORTED", f"{month:%Y-%m} is reported already") from None
    if share.amount and visa.sponsor is not None:
        ledger.transfer(
            kind=TransactionKind.GAIN_SHARE,
            memo=f"gain share {month:%Y-%m}",
            debtor=ledger.person_account(visa.migrant, share.currency),
            creditor=ledger.person_account(visa.sponsor, share.currency),
            money=share,
            visa_id=visa.pk,
            actor=user,
        )
    audit.record(
        actor=user,
        action=Action.EARNINGS_REPORTED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"month": month, "amount": amount.amount, "gain_share": share.amount},
    )
    return report


@transaction.atomic(durable=True)
def pay_fine(*, authority: User, fine_id: int) -> Fine:
    visible_fine(authority, fine_id)  # 404 before 403: no hint that it exists
    if not may_record_fine_payment(authority):
        raise role_required(Role.AUTHORITY)
    fine = Fine.objects.select_for_update().get(pk=fine_id)
    if fine.paid_at is not None:
        raise Conflict("FINE_ALREADY_PAID", "this fine is paid")
    fine.paid_at = now()
    fine.save(update_fields=["paid_at"])
    audit.record(
        actor=authority,
        action=Action.FINE_PAID,
        object_type=Subject.FINE,
        object_id=fine.pk,
        data={"amount": fine.amount},
    )
    money = Money(fine.amount, fine.currency)
    ledger.transfer(
        kind=TransactionKind.FINE_PAYMENT,
        memo=f"payment of fine {fine.pk}",
        debtor=ledger.program_account(ledger.EXTERNAL, fine.currency),
        creditor=ledger.person_account(fine.sponsor, fine.currency),
        money=money,
        visa_id=fine.visa_id,
        actor=authority,
    )
    return fine


@transaction.atomic(durable=True)
def accrue_support(*, actor: User | None, day: dt.date) -> int:
    """Post every open support obligation's months begun up to the day; returns postings made."""
    if not may_accrue_support(actor):
        raise role_required(Role.AUTHORITY)
    if day > today():
        raise Invalid("DATE_IN_FUTURE", "support is owed for months that have begun")
    return consequences.accrue_all(day, actor)


@transaction.atomic(durable=True)
def amnesty_intake(
    *, authority: User, person_id: int, jurisdiction_code: str, path: str, received_on: dt.date
) -> AmnestyApplication:
    if not may_record_amnesty(authority):
        raise role_required(Role.AUTHORITY)
    # Locked: two intakes of one person at once must not both pass the check below.
    person = (
        User.objects.select_for_update(no_key=True).filter(pk=person_id, role=Role.MIGRANT).first()
    )
    if person is None:
        raise NotFound("PERSON_NOT_FOUND", "no such migrant")
    params: Parameters = parameters(jurisdiction_code, received_on)
    if not params["amnesty.window_start"] <= received_on <= params["amnesty.window_end"]:
        raise Invalid(
            "AMNESTY_WINDOW_CLOSED",
            f"the amnesty runs {params['amnesty.window_start']} to {params['amnesty.window_end']}",
            {"parameter": "amnesty.window_end"},
        )
    if path not in AmnestyPath.values:
        raise Invalid("AMNESTY_PATH_UNKNOWN", f"the path is {either(AmnestyPath)}")
    if AmnestyApplication.objects.filter(person=person).exists():
        raise Conflict("AMNESTY_ALREADY_RECORDED", "one amnesty intake per person")
    application = AmnestyApplication.objects.create(
        person=person,
        jurisdiction_id=jurisdiction_code,
        path=path,
        received_on=received_on,
        recorded_by=authority,
    )
    profile = person.migrant_profile
    profile.in_country = True
    profile.save(update_fields=["in_country"])
    audit.record(
        actor=authority,
        action=Action.AMNESTY_RECORDED,
        object_type=Subject.USER,
        object_id=person.pk,
        data={"path": path},
    )
    return application


@transaction.atomic(durable=True)
def file_complaint(*, user: User, visa_id: int, category: str, text: str) -> Complaint:
    """Either party may complain; the authority sees every complaint at once."""
    visa = visible_visa(user, visa_id, for_update=True)
    if not may_complain(user, visa):
        raise Forbidden("NOT_A_PARTY", "only the migrant or the sponsor files a complaint")
    if category not in ComplaintCategory.values:
        raise Invalid("COMPLAINT_CATEGORY_UNKNOWN", f"the category is {either(ComplaintCategory)}")
    complaint = Complaint.objects.create(
        visa=visa, filed_by=user, category=category, text=text, filed_at=now()
    )
    audit.record(
        actor=user,
        action=Action.COMPLAINT_FILED,
        object_type=Subject.VISA,
        object_id=visa.pk,
        data={"category": category},
        on_behalf_of=visa.sponsor,
    )
    indexes.note_blocks()  # who complains about a visa reported the other party
    return complaint


def _complaint_to_handle(user: User, complaint_id: int) -> Complaint:
    """The authority handles complaints; a resolved one is closed."""
    if not may_read_complaints(user):
        raise role_required(Role.AUTHORITY)
    complaint = Complaint.objects.select_for_update().filter(pk=complaint_id).first()
    if complaint is None:
        raise NotFound("COMPLAINT_NOT_FOUND", "no such complaint")
    if complaint.status == ComplaintStatus.RESOLVED:
        raise Conflict("COMPLAINT_RESOLVED", "the complaint is resolved")
    return complaint


def _complaint_changed(user: User, complaint: Complaint, action: Action, fields: list[str]) -> None:
    """Saved, audited, and the one who filed it is told (his notice leads to the visa's
    complaints, where he reads the answer)."""
    complaint.save(update_fields=fields)
    audit.record(
        actor=user,
        action=action,
        object_type=Subject.COMPLAINT,
        object_id=complaint.pk,
        data={"status": complaint.status},
    )
    notify_others([complaint.filed_by], user, NotificationKind.COMPLAINT_CHANGED, complaint.visa_id)


@transaction.atomic(durable=True)
def assign_complaint(*, user: User, complaint_id: int, assignee_id: int) -> Complaint:
    """The authority gives a complaint to one of its officers (a member of the authority)."""
    complaint = _complaint_to_handle(user, complaint_id)
    assignee = User.objects.filter(pk=assignee_id, role=Role.AUTHORITY, is_active=True).first()
    if assignee is None:
        raise Invalid("ASSIGNEE_NOT_AUTHORITY", "a complaint is assigned to the authority's staff")
    complaint.assigned_to = assignee
    if complaint.status == ComplaintStatus.OPEN:
        complaint.status = ComplaintStatus.ASSIGNED
    _complaint_changed(user, complaint, Action.COMPLAINT_ASSIGNED, ["assigned_to", "status"])
    return complaint


@transaction.atomic(durable=True)
def answer_complaint(*, user: User, complaint_id: int, text: str) -> Complaint:
    """The authority answers the person who filed it; he reads it in GET /me/complaints."""
    complaint = _complaint_to_handle(user, complaint_id)
    complaint.answer, complaint.answered_at = text, now()
    complaint.status = ComplaintStatus.ANSWERED
    fields = ["answer", "answered_at", "status"]
    _complaint_changed(user, complaint, Action.COMPLAINT_ANSWERED, fields)
    return complaint


@transaction.atomic(durable=True)
def resolve_complaint(*, user: User, complaint_id: int) -> Complaint:
    """The authority closes a complaint: nothing more is done on it."""
    complaint = _complaint_to_handle(user, complaint_id)
    complaint.status, complaint.resolved_at = ComplaintStatus.RESOLVED, now()
    _complaint_changed(user, complaint, Action.COMPLAINT_RESOLVED, ["status", "resolved_at"])
    return complaint


@transaction.atomic(durable=True)
def escalate_complaint(*, user: User, complaint_id: int, note: str) -> Complaint:
    """The authority raises a complaint to its senior staff as urgent (it leads the queue), with
    a note of why; once: an escalated complaint stays escalated until it is resolved."""
    complaint = _complaint_to_handle(user, complaint_id)
    if complaint.escalated_at is not None:
        raise Conflict("COMPLAINT_ALREADY_ESCALATED", "the complaint is escalated already")
    complaint.escalated_at, complaint.escalation_note = now(), note
    fields = ["escalated_at", "escalation_note"]
    _complaint_changed(user, complaint, Action.COMPLAINT_ESCALATED, fields)
    return complaint


def agreement_end(visa: Visa) -> dt.date:
    """The end of the visa's term: its agreement's, or an auction visa's own."""
    start, months = visa.term()
    return add_months(start, months)


@transaction.atomic(durable=True)
def complete_ended_visas(*, day: dt.date) -> int:
    """The daily job: an active visa whose agreement has run its term is completed on the end
    date, and any support obligation ends with it. Returns how many were completed."""
    if day > today():
        raise Invalid("DATE_IN_FUTURE", "visas are completed on days that have come")
    ended = 0
    for visa in (
        # The visa rows only: PostgreSQL locks no row of an outer join's nullable side (an
        # auction visa has no agreement).
        Visa.objects.select_for_update(of=("self",))
        .filter(status=Status.ACTIVE)
        .select_related("agreement")
    ):
        end = agreement_end(visa)
        if end <= day:
            consequences.close_support(visa, end, None)
            change_status(visa, Status.COMPLETED, Procedure.TERM_ENDED, None, f"term ended {end}")
            ended += 1
    return ended

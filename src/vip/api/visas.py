"""Visas: apply, read, decide, report events and earnings; fines; amnesty."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from vip.api.accounts import ERRORS
from vip.api.app import caller
from vip.api.schemas import (
    AmnestyIn,
    ComplaintAnswerIn,
    ComplaintAssignIn,
    ComplaintEscalateIn,
    ComplaintIn,
    ComplaintOut,
    ConsequenceOut,
    CreatedOut,
    DecisionIn,
    DecisionOut,
    EarningsIn,
    EarningsOut,
    EventIn,
    EventOut,
    FineOut,
    InsuranceIn,
    MoneyOut,
    ReasonOut,
    VisaIn,
    VisaOut,
    VisaSummaryOut,
)
from vip.visas import models as visas
from vip.visas import services
from vip.visas.models import (
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    Fine,
    Visa,
    VisaKind,
)
from vip.visas.rules import Outcome
from vip.visas.selectors import complaints as complaints_for
from vip.visas.selectors import complaints_filed_by, visible_visa, visible_visas

router = Router(tags=["visas"])


def visa_out(visa: Visa) -> VisaOut:
    history: list[dict[str, Any]] = [
        {
            "from": c.from_status or None,
            "to": c.to_status,
            "event": c.event,
            "at": c.at,
            "reason": c.reason,
        }
        for c in visa.status_changes.all()
    ]
    return VisaOut(
        id=visa.pk,
        status=visas.Status(visa.status),
        kind=VisaKind(visa.kind),
        sponsor=visa.sponsor_id,
        migrant=visa.migrant_id,
        community=visa.community.code if visa.community else None,
        jurisdiction=visa.jurisdiction_id,
        agreement=visa.agreement_id,
        transferred_from=visa.transferred_from_id,
        history=history,
        decision=DecisionOut(
            outcome=Outcome(visa.outcome),
            decided_at=visa.decided_at,
            note=visa.decision_note,
            reasons=[ReasonOut(**r) for r in visa.reasons],
        ),
    )


def insurance_terms(insurance: InsuranceIn | None) -> services.InsuranceTerms | None:
    if insurance is None:
        return None
    return services.InsuranceTerms(
        provider=insurance.provider,
        policy_number=insurance.policy_number,
        coverage=insurance.coverage.money(),
        valid_from=insurance.valid_from,
        valid_to=insurance.valid_to,
    )


@router.post("/visas", response={201: VisaOut, **ERRORS})
def apply(request: HttpRequest, body: VisaIn) -> Status[VisaOut]:
    terms = insurance_terms(body.insurance)
    visa = services.apply(user=caller(request), agreement_id=body.agreement, insurance=terms)
    return Status(201, visa_out(visa))


@router.get("/visas/{visa_id}", response={200: VisaOut, **ERRORS})
def read(request: HttpRequest, visa_id: int) -> VisaOut:
    return visa_out(visible_visa(caller(request), visa_id))


@router.post("/visas/{visa_id}/decision", response={200: VisaOut, **ERRORS})
def decide(request: HttpRequest, visa_id: int, body: DecisionIn) -> VisaOut:
    return visa_out(
        services.decide_review(
            authority=caller(request), visa_id=visa_id, outcome=body.outcome, note=body.note
        )
    )


@router.post("/visas/{visa_id}/events", response={200: EventOut, **ERRORS})
def report_event(request: HttpRequest, visa_id: int, body: EventIn) -> EventOut:
    visa, consequences = services.report_event(
        user=caller(request),
        visa_id=visa_id,
        kind=body.kind,
        occurred_on=body.occurred_on,
        details=body.details,
    )
    return EventOut(
        visa=visa_out(visa), consequences=[ConsequenceOut.from_orm(c) for c in consequences]
    )


@router.post("/visas/{visa_id}/earnings", response={201: EarningsOut, **ERRORS})
def report_earnings(request: HttpRequest, visa_id: int, body: EarningsIn) -> Status[EarningsOut]:
    report = services.report_earnings(
        user=caller(request), visa_id=visa_id, month=body.month, amount=body.amount.money()
    )
    return Status(
        201,
        EarningsOut(
            month=report.month,
            amount=MoneyOut(amount=report.amount, currency=report.currency),
            gain_share=MoneyOut(amount=report.gain_share, currency=report.currency),
        ),
    )


def fine_out(fine: Fine) -> FineOut:
    return FineOut(
        id=fine.pk,
        code=fine.code,
        parameter=fine.parameter,
        visa=fine.visa_id,
        amount=MoneyOut(amount=fine.amount, currency=fine.currency),
        issued_at=fine.issued_at,
        paid=fine.paid_at is not None,
    )


@router.get("/me/fines", response={200: list[FineOut], **ERRORS})
def my_fines(request: HttpRequest) -> list[FineOut]:
    return [fine_out(f) for f in caller(request).fines.order_by("issued_at", "id")]


@router.post("/fines/{fine_id}/payment", response={200: FineOut, **ERRORS})
def pay_fine(request: HttpRequest, fine_id: int) -> FineOut:
    return fine_out(services.pay_fine(authority=caller(request), fine_id=fine_id))


@router.post("/amnesty", response={201: CreatedOut, **ERRORS})
def amnesty(request: HttpRequest, body: AmnestyIn) -> Status[CreatedOut]:
    application = services.amnesty_intake(
        authority=caller(request),
        person_id=body.person,
        jurisdiction_code=body.jurisdiction,
        path=body.path,
        received_on=body.received_on,
    )
    return Status(201, CreatedOut(id=application.pk))


def complaint_out(c: Complaint) -> ComplaintOut:
    return ComplaintOut(
        id=c.pk,
        visa=c.visa_id,
        category=ComplaintCategory(c.category),
        text=c.text,
        filed_by=c.filed_by_id,
        filed_at=c.filed_at,
        status=ComplaintStatus(c.status),
        assigned_to=c.assigned_to_id,
        answer=c.answer,
        answered_at=c.answered_at,
        resolved_at=c.resolved_at,
        escalated_at=c.escalated_at,
    )


@router.post("/visas/{visa_id}/complaints", response={201: ComplaintOut, **ERRORS})
def complain(request: HttpRequest, visa_id: int, body: ComplaintIn) -> Status[ComplaintOut]:
    complaint = services.file_complaint(
        user=caller(request), visa_id=visa_id, category=body.category, text=body.text
    )
    return Status(201, complaint_out(complaint))


@router.get("/me/complaints", response={200: list[ComplaintOut], **ERRORS})
def my_complaints(request: HttpRequest) -> list[ComplaintOut]:
    """Anyone signed in: the complaints he filed, newest first, with their status and answer."""
    return [complaint_out(c) for c in complaints_filed_by(caller(request))]


@router.post("/complaints/{complaint_id}/assign", response={200: ComplaintOut, **ERRORS})
def assign_complaint(
    request: HttpRequest, complaint_id: int, body: ComplaintAssignIn
) -> ComplaintOut:
    """The authority gives a complaint to one of its staff. Codes: ROLE_REQUIRED,
    COMPLAINT_NOT_FOUND, COMPLAINT_RESOLVED, ASSIGNEE_NOT_AUTHORITY."""
    return complaint_out(
        services.assign_complaint(
            user=caller(request), complaint_id=complaint_id, assignee_id=body.assignee
        )
    )


@router.post("/complaints/{complaint_id}/answer", response={200: ComplaintOut, **ERRORS})
def answer_complaint(
    request: HttpRequest, complaint_id: int, body: ComplaintAnswerIn
) -> ComplaintOut:
    """The authority answers the person who filed it. Codes: ROLE_REQUIRED, COMPLAINT_NOT_FOUND,
    COMPLAINT_RESOLVED."""
    return complaint_out(
        services.answer_complaint(user=caller(request), complaint_id=complaint_id, text=body.text)
    )


@router.post("/complaints/{complaint_id}/resolve", response={200: ComplaintOut, **ERRORS})
def resolve_complaint(request: HttpRequest, complaint_id: int) -> ComplaintOut:
    """The authority closes a complaint. Codes: ROLE_REQUIRED, COMPLAINT_NOT_FOUND,
    COMPLAINT_RESOLVED."""
    return complaint_out(
        services.resolve_complaint(user=caller(request), complaint_id=complaint_id)
    )


@router.post("/complaints/{complaint_id}/escalate", response={200: ComplaintOut, **ERRORS})
def escalate_complaint(
    request: HttpRequest, complaint_id: int, body: ComplaintEscalateIn
) -> ComplaintOut:
    """The authority raises a complaint to its senior staff as urgent. Codes: ROLE_REQUIRED,
    COMPLAINT_NOT_FOUND, COMPLAINT_RESOLVED, COMPLAINT_ALREADY_ESCALATED."""
    return complaint_out(
        services.escalate_complaint(user=caller(request), complaint_id=complaint_id, note=body.note)
    )


@router.get("/complaints", response={200: list[ComplaintOut], **ERRORS})
def complaints(request: HttpRequest) -> list[ComplaintOut]:
    return [complaint_out(c) for c in complaints_for(caller(request))]


@router.get("/me/visas", response={200: list[VisaSummaryOut], **ERRORS})
def my_visas(request: HttpRequest) -> list[VisaSummaryOut]:
    found = visible_visas(caller(request)).select_related("community").order_by("-applied_at")
    return [
        VisaSummaryOut(
            id=v.pk,
            status=visas.Status(v.status),
            kind=VisaKind(v.kind),
            sponsor=v.sponsor_id,
            migrant=v.migrant_id,
            community=v.community.code if v.community else None,
        )
        for v in found[:500]
    ]

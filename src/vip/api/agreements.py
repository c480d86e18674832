"""Agreements: offer, read, sign, interview."""

from __future__ import annotations

from fractions import Fraction

from django.http import HttpRequest
from ninja import Router, Status

from vip.agreements import services
from vip.agreements.models import Agreement
from vip.agreements.selectors import visible_agreement
from vip.api.accounts import ERRORS
from vip.api.app import caller
from vip.api.schemas import (
    AgreementIn,
    AgreementOut,
    InterviewIn,
    InterviewOut,
    MoneyOut,
    MonthlyOut,
    StatusOut,
)
from vip.money import Money
from vip.people.selectors import sponsor_for
from vip.visas.rules import monthly_terms

router = Router(tags=["agreements"])


def money_out(money: Money) -> MoneyOut:
    return MoneyOut(amount=money.amount, currency=money.currency)


def agreement_out(a: Agreement) -> AgreementOut:
    share = Fraction(a.gain_share_numerator, a.gain_share_denominator)
    home = Money(a.home_annual_earnings, a.currency)
    month = monthly_terms(Money(a.annual_pay, a.currency), home, share)
    return AgreementOut(
        id=a.pk,
        status=a.status,
        sponsor=a.sponsor_id,
        migrant=a.migrant_id,
        start_date=a.start_date,
        duration_months=a.duration_months,
        annual_pay=MoneyOut(amount=a.annual_pay, currency=a.currency),
        housing=a.housing,
        work=a.work,
        sector=a.sector,
        gain_share=str(share),
        home_annual_earnings=money_out(home),
        monthly=MonthlyOut(
            pay=money_out(month.pay),
            baseline=money_out(month.baseline),
            gain_share=money_out(month.gain_share),
            keeps=money_out(month.keeps),
        ),
        sponsor_signed=a.sponsor_signed_at is not None,
        migrant_signed=a.migrant_signed_at is not None,
    )


@router.post("/agreements", response={201: StatusOut, **ERRORS})
def offer(request: HttpRequest, body: AgreementIn) -> Status[StatusOut]:
    user = caller(request)
    agreement = services.offer(
        user=user,
        sponsor=sponsor_for(user, body.sponsor),
        migrant_id=body.migrant,
        terms=services.Terms(
            start_date=body.start_date,
            duration_months=body.duration_months,
            annual_pay=body.annual_pay.money(),
            housing=body.housing,
            work=body.work,
            gain_share=services.parse_gain_share(body.gain_share),
            sector=body.sector,
        ),
    )
    return Status(201, StatusOut(id=agreement.pk, status=agreement.status))


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, **ERRORS})
def read(request: HttpRequest, agreement_id: int) -> AgreementOut:
    return agreement_out(visible_agreement(caller(request), agreement_id))


@router.post("/agreements/{agreement_id}/sign", response={200: StatusOut, **ERRORS})
def sign(request: HttpRequest, agreement_id: int) -> StatusOut:
    agreement = services.sign(user=caller(request), agreement_id=agreement_id)
    return StatusOut(id=agreement.pk, status=agreement.status)


@router.post("/agreements/{agreement_id}/interviews", response={201: InterviewOut, **ERRORS})
def interview(request: HttpRequest, agreement_id: int, body: InterviewIn) -> Status[InterviewOut]:
    created = services.schedule_interview(
        user=caller(request), agreement_id=agreement_id, at=body.at
    )
    return Status(201, InterviewOut(id=created.pk, at=created.at, video_url=created.video_url))

"""Agreements: offer, read, sign, interview."""

from __future__ import annotations

from fractions import Fraction

from django.http import HttpRequest
from ninja import Query, Router, Status

from vip.agreements import services
from vip.agreements.models import Agreement, AgreementStatus, Work
from vip.agreements.selectors import (
    agreements_of,
    locked_rate,
    stated_home,
    status_of,
    visible_agreement,
)
from vip.api.accounts import ERRORS
from vip.api.app import caller
from vip.api.schemas import (
    AgreementIn,
    AgreementOut,
    AgreementsOut,
    ExchangeRateOut,
    InterviewIn,
    InterviewOut,
    MoneyOut,
    MonthlyOut,
    PageQuery,
    StatusOut,
    next_cursor,
)
from vip.clock import now
from vip.money import Money
from vip.people.selectors import sponsor_for
from vip.visas.rules import monthly_terms

router = Router(tags=["agreements"])


def money_out(money: Money) -> MoneyOut:
    return MoneyOut(amount=money.amount, currency=money.currency)


def exchange_rate_out(a: Agreement) -> ExchangeRateOut:
    locked = locked_rate(a)
    return ExchangeRateOut(
        from_currency=locked.base,
        to_currency=locked.target,
        rate=str(locked.value),
        shown=locked.shown(),
        effective=locked.effective,
        source=locked.source,
    )


def agreement_out(a: Agreement) -> AgreementOut:
    share = Fraction(a.gain_share_numerator, a.gain_share_denominator)
    home = Money(a.home_annual_earnings, a.currency)
    month = monthly_terms(Money(a.annual_pay, a.currency), home, share)
    return AgreementOut(
        id=a.pk,
        status=status_of(a, now()),
        sponsor=a.sponsor_id,
        migrant=a.migrant_id,
        start_date=a.start_date,
        duration_months=a.duration_months,
        annual_pay=MoneyOut(amount=a.annual_pay, currency=a.currency),
        housing=a.housing,
        work=Work(a.work),
        sector=a.sector,
        gain_share=str(share),
        home_annual_earnings=money_out(home),
        home_earnings_stated=money_out(stated_home(a)),
        exchange_rate=exchange_rate_out(a),
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
    return Status(201, StatusOut(id=agreement.pk, status=AgreementStatus(agreement.status)))


@router.get("/me/agreements", response={200: AgreementsOut, **ERRORS})
def mine(request: HttpRequest, page: Query[PageQuery]) -> AgreementsOut:
    """Anyone signed in: the agreements he is a party to (a sponsor's agency: its clients'; the
    authority: all), newest first, each with its status (`offered`, `signed`, `declined`,
    `withdrawn`, `expired`, `lapsed`, `used`) and terms. Paged: `limit` (1..200), `cursor`."""
    found = agreements_of(caller(request))[page.offset : page.offset + page.limit + 1]
    rows = list(found)
    return AgreementsOut(
        results=[agreement_out(a) for a in rows[: page.limit]],
        next=next_cursor(page, len(rows) > page.limit),
    )


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, **ERRORS})
def read(request: HttpRequest, agreement_id: int) -> AgreementOut:
    return agreement_out(visible_agreement(caller(request), agreement_id))


@router.post("/agreements/{agreement_id}/sign", response={200: StatusOut, **ERRORS})
def sign(request: HttpRequest, agreement_id: int) -> StatusOut:
    agreement = services.sign(user=caller(request), agreement_id=agreement_id)
    return StatusOut(id=agreement.pk, status=AgreementStatus(agreement.status))


@router.post("/agreements/{agreement_id}/decline", response={200: StatusOut, **ERRORS})
def decline(request: HttpRequest, agreement_id: int) -> StatusOut:
    """The migrant it is offered to says no; a declined offer cannot be signed. Codes:
    AGREEMENT_NOT_FOUND, NOT_THE_MIGRANT, OFFER_NOT_PENDING."""
    agreement = services.decline(user=caller(request), agreement_id=agreement_id)
    return StatusOut(id=agreement.pk, status=AgreementStatus(agreement.status))


@router.post("/agreements/{agreement_id}/withdraw", response={200: StatusOut, **ERRORS})
def withdraw(request: HttpRequest, agreement_id: int) -> StatusOut:
    """The sponsor who offered it (or his agency) takes the offer back before both have signed.
    Codes: AGREEMENT_NOT_FOUND, NOT_SPONSOR, OFFER_NOT_PENDING."""
    agreement = services.withdraw(user=caller(request), agreement_id=agreement_id)
    return StatusOut(id=agreement.pk, status=AgreementStatus(agreement.status))


@router.post("/agreements/{agreement_id}/interviews", response={201: InterviewOut, **ERRORS})
def interview(request: HttpRequest, agreement_id: int, body: InterviewIn) -> Status[InterviewOut]:
    created = services.schedule_interview(
        user=caller(request), agreement_id=agreement_id, at=body.at
    )
    return Status(201, InterviewOut(id=created.pk, at=created.at, video_url=created.video_url))

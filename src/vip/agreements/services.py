"""Offering, signing and interviewing: the agreement between a sponsor and a migrant."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.db import transaction

from vip.agreements.models import Agreement, AgreementStatus, Interview
from vip.agreements.selectors import (
    may_decline,
    may_offer,
    may_schedule_interview,
    may_see,
    may_withdraw,
    pending_offers,
    status_of,
)
from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.calendar import add_months
from vip.clock import now, today
from vip.errors import Conflict, Forbidden, Invalid, NotFound
from vip.matching import indexes
from vip.money import Money
from vip.notifications.models import NotificationKind
from vip.notifications.services import notify
from vip.people.models import Role, User
from vip.people.selectors import acts_for, blocked
from vip.policy.parameters import parameters
from vip.policy.rates import rate
from vip.policy.sectors import check_sectors
from vip.visas.rules import terms_reasons

# Digits, a point or a slash: no exponent, for "1e-9999999" would cost seconds of CPU to expand.
PLAIN_FRACTION = re.compile(r"\s*\d{1,12}(\.\d{1,12})?\s*|\s*\d{1,12}/\d{1,12}\s*")


def parse_gain_share(value: float | str) -> Fraction:
    """A fraction in [0, 1], written 0.5 or "1/2"."""
    try:
        if isinstance(value, str) and not PLAIN_FRACTION.fullmatch(value):
            raise ValueError(value)
        fraction = Fraction(str(value)).limit_denominator(10_000)
    except (ValueError, ZeroDivisionError):
        raise Invalid("GAIN_SHARE_INVALID", f"{value!r} is not a fraction") from None
    if not 0 <= fraction <= 1:
        raise Invalid("GAIN_SHARE_INVALID", "the gain share lies between 0 and 1")
    return fraction


@dataclass(frozen=True)
class Terms:
    """What sponsor and migrant agree, stated before either signs."""

    start_date: dt.date
    duration_months: int
    annual_pay: Money
    housing: str
    work: str
    gain_share: Fraction
    sector: str | None = None


@transaction.atomic(durable=True)
def offer(*, user: User, sponsor: User, migrant_id: int, terms: Terms) -> Agreement:
    if not may_offer(user, sponsor):
        raise Forbidden("NOT_SPONSOR", "only a sponsor, or their agency, offers an agreement")
    return make_offer(user=user, sponsor=sponsor, migrant_id=migrant_id, terms=terms)


def make_offer(*, user: User, sponsor: User, migrant_id: int, terms: Terms) -> Agreement:
    """The offer itself, inside the caller's transaction: a sponsor's own (`offer`) or one a
    clearinghouse round makes from his request's terms (the authority is `user`)."""
    migrant = User.objects.filter(pk=migrant_id, role=Role.MIGRANT, is_active=True).first()
    if migrant is None:
        raise NotFound("MIGRANT_NOT_FOUND", "no such migrant")
    if blocked(sponsor, migrant):
        raise Forbidden("PERSON_BLOCKED", "one of you has blocked the other")
    # One offer at a time to him; FOR NO KEY UPDATE: a transaction that inserts a row naming him
    # (a search's profile view, a notice) checks its key at commit without waiting for this.
    User.objects.select_for_update(no_key=True).filter(pk=migrant.pk).first()
    if pending_offers(now()).filter(sponsor=sponsor, migrant=migrant).exists():
        raise Conflict(
            "OFFER_PENDING",
            "an offer of yours to this migrant is pending: withdraw it, or wait for their answer",
        )
    if terms.duration_months < 1:
        raise Invalid("DURATION_INVALID", "an agreement lasts at least one month")
    if sponsor.community is None:
        raise Invalid("SPONSOR_HAS_NO_COMMUNITY", "the sponsor must live in a registered community")
    check_sectors([terms.sector] if terms.sector else [], sponsor.community.jurisdiction_id)
    currency = sponsor.community.jurisdiction.currency
    params = parameters(sponsor.community.jurisdiction_id, today())
    ahead = params["agreement.max_start_ahead_months"]
    if terms.start_date > add_months(today(), ahead):
        raise Invalid(
            "START_DATE_OUT_OF_RANGE",
            f"an agreement starts within {ahead} months of today",
            {"parameter": "agreement.max_start_ahead_months"},
        )
    if terms.annual_pay.currency != currency:
        raise Invalid(
            "CURRENCY_MISMATCH", f"pay in {sponsor.community.jurisdiction} is in {currency}"
        )
    home = migrant.migrant_profile
    if home.home_annual_earnings is None:
        raise Invalid(
            "HOME_EARNINGS_NOT_STATED",
            "the migrant must state their home earnings first: they are the gain share's baseline",
        )
    # Rule 11: he states them in his own currency; the offer locks the rate of its day, and the
    # gain share is computed in the host's currency from the baseline converted at it.
    stated = Money(home.home_annual_earnings, home.home_currency)
    locked = rate(stated.currency, currency, today())
    baseline = locked.convert(stated)
    unlawful = terms_reasons(
        params, terms.annual_pay, terms.gain_share, terms.start_date, terms.duration_months
    )
    if unlawful:
        first = unlawful[0]
        raise Invalid(
            first.code,
            first.message,
            {"parameter": first.parameter, "reasons": [r.as_dict() for r in unlawful]},
        )
    at = now()
    agreement = Agreement.objects.create(
        sponsor=sponsor,
        migrant=migrant,
        created_by=user,
        created_at=at,
        start_date=terms.start_date,
        duration_months=terms.duration_months,
        annual_pay=terms.annual_pay.amount,
        currency=terms.annual_pay.currency,
        housing=terms.housing,
        work=terms.work,
        sector=terms.sector or "",
        gain_share_numerator=terms.gain_share.numerator,
        gain_share_denominator=terms.gain_share.denominator,
        home_annual_earnings=baseline.amount,
        stated_home_earnings=stated.amount,
        stated_home_currency=stated.currency,
        rate_numerator=locked.value.numerator,
        rate_denominator=locked.value.denominator,
        rate_effective=locked.effective,
        rate_source=locked.source,
        expires_at=at + dt.timedelta(days=params["agreement.offer_valid_days"]),
    )
    notify(migrant, NotificationKind.OFFER_RECEIVED, agreement.pk)
    audit.record(
        actor=user,
        action=Action.AGREEMENT_OFFERED,
        object_type=Subject.AGREEMENT,
        object_id=agreement.pk,
        data={
            "sponsor": sponsor.pk,
            "migrant": migrant.pk,
            "pay": terms.annual_pay.as_dict(),
            "gain_share": str(terms.gain_share),
            "home_earnings": stated.as_dict(),
            "rate": {"value": str(locked.value), "effective": locked.effective},
            "baseline": baseline.as_dict(),
        },
        on_behalf_of=sponsor,
    )
    return agreement


@transaction.atomic(durable=True)
def sign(*, user: User, agreement_id: int) -> Agreement:
    agreement = Agreement.objects.select_for_update().filter(pk=agreement_id).first()
    if agreement is None or not may_see(user, agreement):
        raise NotFound("AGREEMENT_NOT_FOUND", "no such agreement")
    if agreement.status == AgreementStatus.SIGNED:
        raise Conflict("AGREEMENT_ALREADY_SIGNED", "both parties have signed already")
    _pending_only(agreement)
    if user.pk == agreement.migrant_id:
        field = "migrant_signed_at"
    elif acts_for(user, agreement.sponsor):
        field = "sponsor_signed_at"
    else:
        raise Forbidden("NOT_A_PARTY", "only the sponsor (or their agency) and the migrant sign")
    if getattr(agreement, field) is not None:
        raise Conflict("ALREADY_SIGNED", "you have signed this agreement already")
    if blocked(agreement.sponsor, agreement.migrant):
        raise Forbidden("PERSON_BLOCKED", "one of you has blocked the other")
    setattr(agreement, field, now())
    if agreement.sponsor_signed_at and agreement.migrant_signed_at:
        agreement.status = AgreementStatus.SIGNED
    agreement.save(update_fields=[field, "status"])
    other = agreement.sponsor if field == "migrant_signed_at" else agreement.migrant
    notify(other, NotificationKind.AGREEMENT_SIGNED, agreement.pk)
    audit.record(
        actor=user,
        action=Action.AGREEMENT_SIGNED,
        object_type=Subject.AGREEMENT,
        object_id=agreement.pk,
        data={"by": field[:-10]},
        on_behalf_of=agreement.sponsor,
    )
    if agreement.status == AgreementStatus.SIGNED:
        indexes.note_changed(agreement.migrant_id, agreement.sponsor_id)
    return agreement


def _pending_only(agreement: Agreement) -> None:
    """Refuse an agreement that is no longer an open offer (declined, withdrawn, expired, ...)."""
    status = status_of(agreement, now())
    if status != AgreementStatus.OFFERED:
        raise Conflict("OFFER_NOT_PENDING", f"the offer is {status}", {"status": status})


def _close_offer(agreement: Agreement, status: AgreementStatus, user: User, action: Action) -> None:
    _pending_only(agreement)
    agreement.status, agreement.closed_at = status, now()
    agreement.save(update_fields=["status", "closed_at"])
    audit.record(
        actor=user,
        action=action,
        object_type=Subject.AGREEMENT,
        object_id=agreement.pk,
        on_behalf_of=agreement.sponsor,
    )


@transaction.atomic(durable=True)
def decline(*, user: User, agreement_id: int) -> Agreement:
    """The migrant says no to an offer made to him: it can no longer be signed."""
    agreement = Agreement.objects.select_for_update().filter(pk=agreement_id).first()
    if agreement is None or not may_see(user, agreement):
        raise NotFound("AGREEMENT_NOT_FOUND", "no such agreement")
    if not may_decline(user, agreement):
        raise Forbidden("NOT_THE_MIGRANT", "the migrant declines an offer made to them")
    _close_offer(agreement, AgreementStatus.DECLINED, user, Action.AGREEMENT_DECLINED)
    return agreement


@transaction.atomic(durable=True)
def withdraw(*, user: User, agreement_id: int) -> Agreement:
    """The sponsor (or his agency) takes back an offer neither has finished signing."""
    agreement = Agreement.objects.select_for_update().filter(pk=agreement_id).first()
    if agreement is None or not may_see(user, agreement):
        raise NotFound("AGREEMENT_NOT_FOUND", "no such agreement")
    if not may_withdraw(user, agreement):
        raise Forbidden(
            "NOT_SPONSOR", "only the sponsor who offered it, or their agency, withdraws"
        )
    _close_offer(agreement, AgreementStatus.WITHDRAWN, user, Action.AGREEMENT_WITHDRAWN)
    return agreement


@transaction.atomic(durable=True)
def schedule_interview(*, user: User, agreement_id: int, at: dt.datetime) -> Interview:
    agreement = Agreement.objects.filter(pk=agreement_id).first()
    if agreement is None or not may_schedule_interview(user, agreement):
        raise NotFound("AGREEMENT_NOT_FOUND", "no such agreement")
    if at.tzinfo is None:
        raise Invalid("TIME_NOT_AWARE", "give the interview time with its offset")
    if at < now():
        raise Invalid("INTERVIEW_IN_PAST", "an interview is set for a time to come")
    if blocked(agreement.sponsor, agreement.migrant):
        raise Forbidden("PERSON_BLOCKED", "one of you has blocked the other")
    room = secrets.token_urlsafe(12)
    interview = Interview.objects.create(
        agreement=agreement,
        at=at,
        scheduled_by=user,
        video_url=f"{settings.VIP_VIDEO_BASE_URL}vip-{room}",
    )
    invited = agreement.sponsor if user.pk == agreement.migrant_id else agreement.migrant
    notify(invited, NotificationKind.INTERVIEW_SCHEDULED, interview.pk)
    audit.record(
        actor=user,
        action=Action.INTERVIEW_SCHEDULED,
        object_type=Subject.AGREEMENT,
        object_id=agreement.pk,
        data={"at": at.isoformat()},
        on_behalf_of=agreement.sponsor,
    )
    return interview

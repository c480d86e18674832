"""Who may see which agreement, and who may offer, sign and interview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Q, QuerySet

from vip.agreements.models import Agreement, AgreementStatus, Interview
from vip.clock import today
from vip.errors import DomainError, NotFound
from vip.money import Money
from vip.people.models import Role, User
from vip.people.selectors import acts_for, of_sponsors_acted_for
from vip.policy.parameters import parameters
from vip.policy.rates import Rate, rate
from vip.visas.rules import Monthly, monthly_terms


def may_see(user: User, agreement: Agreement) -> bool:
    return (
        user.role == Role.AUTHORITY
        or user.pk == agreement.migrant_id
        or acts_for(user, agreement.sponsor)
    )


def may_decline(user: User, agreement: Agreement) -> bool:
    """The migrant it is offered to says no."""
    return user.pk == agreement.migrant_id


def may_withdraw(user: User, agreement: Agreement) -> bool:
    """The sponsor who offered it (or his agency) takes it back."""
    return acts_for(user, agreement.sponsor)


def status_of(agreement: Agreement, at: dt.datetime) -> AgreementStatus:
    """Its status: an offer past its expiry is expired, without a job having to mark it."""
    status = AgreementStatus(agreement.status)
    if status == AgreementStatus.OFFERED and agreement.expires_at and agreement.expires_at <= at:
        return AgreementStatus.EXPIRED
    return status


def pending_offers(at: dt.datetime) -> QuerySet[Agreement]:
    """Offers that may still be signed: offered, not expired."""
    return Agreement.objects.filter(status=AgreementStatus.OFFERED).filter(
        Q(expires_at=None) | Q(expires_at__gt=at)
    )


def agreements_of(user: User) -> QuerySet[Agreement]:
    """GET /me/agreements: a migrant's, a sponsor's, an agency's clients', all to the authority;
    newest first."""
    found = Agreement.objects.select_related("sponsor").order_by("-created_at", "-id")
    if user.role == Role.MIGRANT:
        return found.filter(migrant=user)
    return of_sponsors_acted_for(user, found)


def may_offer(user: User, sponsor: User) -> bool:
    """A sponsor offers, or the agency he delegated to."""
    return sponsor.role == Role.SPONSOR and acts_for(user, sponsor)


def may_schedule_interview(user: User, agreement: Agreement) -> bool:
    """The parties (the agency for the sponsor): the authority sees the agreement, and has no
    interview to hold."""
    return user.role != Role.AUTHORITY and may_see(user, agreement)


def visible_agreement(user: User, agreement_id: int) -> Agreement:
    found = Agreement.objects.select_related("sponsor").filter(pk=agreement_id).first()
    if found is None or not may_see(user, found):
        raise NotFound("AGREEMENT_NOT_FOUND", "no such agreement")
    return found


def visible_interview(user: User, interview_id: int) -> Interview:
    """An interview is seen by whoever sees its agreement."""
    found = (
        Interview.objects.select_related("agreement__sponsor", "agreement__migrant")
        .filter(pk=interview_id)
        .first()
    )
    if found is None or not may_see(user, found.agreement):
        raise NotFound("INTERVIEW_NOT_FOUND", "no such interview")
    return found


@dataclass(frozen=True)
class Obligations:
    """What a sponsor takes on with an agreement, with the amounts in force where he lives."""

    insurance_coverage: Money  # a year, the least the basic health insurance covers
    insurance_months: int
    support_monthly: Money  # while the migrant cannot find work
    fine_crime: Money
    fine_disappearance: Money
    fine_late_report: Money  # on top, when a disappearance is reported late
    report_window_days: int
    max_gain_share: Fraction


def obligations(sponsor: User, day: dt.date) -> Obligations | None:
    """None while he lives in no registered community: no jurisdiction's amounts apply yet."""
    if sponsor.community is None:
        return None
    p = parameters(sponsor.community.jurisdiction_id, day)
    return Obligations(
        insurance_coverage=p.money("insurance.min_coverage"),
        insurance_months=p["insurance.min_period_months"],
        support_monthly=p.money("support.monthly_unemployment"),
        fine_crime=p.money("fine.crime"),
        fine_disappearance=p.money("fine.disappearance"),
        fine_late_report=p.money("fine.disappearance_late_extra"),
        report_window_days=p["disappearance.report_window_days"],
        max_gain_share=p.fraction("gain_share.max_fraction"),
    )


def home_earnings(migrant: User) -> Money | None:
    """His stated home earnings a year, the gain share's baseline (None until he states them)."""
    profile = migrant.migrant_profile
    if profile.home_annual_earnings is None:
        return None
    return Money(profile.home_annual_earnings, profile.home_currency)


def share_of(agreement: Agreement) -> Fraction:
    return Fraction(agreement.gain_share_numerator, agreement.gain_share_denominator)


def stated_home(agreement: Agreement) -> Money:
    """His home earnings a year as he stated them, in his own currency."""
    return Money(agreement.stated_home_earnings, agreement.stated_home_currency)


def locked_rate(agreement: Agreement) -> Rate:
    """The rate the offer locked: one unit of his currency in the host's, its date and source."""
    return Rate(
        agreement.stated_home_currency,
        agreement.currency,
        Fraction(agreement.rate_numerator, agreement.rate_denominator),
        agreement.rate_effective,
        agreement.rate_source,
    )


def month_of(agreement: Agreement) -> Monthly:
    """A month at the agreed pay: his pay, his baseline, the share he owes, what he keeps."""
    return monthly_terms(
        Money(agreement.annual_pay, agreement.currency),
        Money(agreement.home_annual_earnings, agreement.currency),
        share_of(agreement),
    )


def offers_to(migrant: User) -> QuerySet[Agreement]:
    """The agreements offered to him and those he has signed, the latest first."""
    return (
        Agreement.objects.filter(migrant=migrant)
        .exclude(status=AgreementStatus.LAPSED)
        .select_related("sponsor__community")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class Preview:
    """An offer as the sponsor checks it before sending: the month, at his pay, of the migrant
    (from the migrant's stated home earnings), and what the sponsor takes on."""

    month: Monthly | None  # None while his home earnings are not stated (or not convertible)
    home_annual: Money | None  # as he states them, in his own currency
    obligations: Obligations | None
    rate: Rate | None = None  # today's, which the offer would lock; None: none known
    baseline_annual: Money | None = None  # his home earnings in the pay's currency at that rate


def preview(sponsor: User, migrant_id: int, annual_pay: Money, share: Fraction) -> Preview:
    home = home_earnings(offered_migrant(migrant_id))
    owed = obligations(sponsor, today())
    if home is None:
        return Preview(None, None, owed)
    try:
        today_rate = rate(home.currency, annual_pay.currency, today())
    except DomainError:  # EXCHANGE_RATE_UNKNOWN: the offer says so when it is sent
        return Preview(None, home, owed)
    baseline = today_rate.convert(home)
    return Preview(monthly_terms(annual_pay, baseline, share), home, owed, today_rate, baseline)


def offered_migrant(migrant_id: int) -> User:
    """The migrant an offer is for (any active migrant: the ranking showed him)."""
    found = (
        User.objects.filter(pk=migrant_id, role=Role.MIGRANT, is_active=True)
        .select_related("migrant_profile")
        .first()
    )
    if found is None:
        raise NotFound("MIGRANT_NOT_FOUND", "no such migrant")
    return found


def signed_by(user: User, agreement: Agreement) -> bool:
    """Whether this party's signature is on it (the sponsor's, for him or his agency)."""
    if user.pk == agreement.migrant_id:
        return agreement.migrant_signed_at is not None
    return agreement.sponsor_signed_at is not None

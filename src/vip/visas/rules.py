"""Whether a visa may be issued: facts in, a decision with every failed rule's reason out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Protocol

from vip.agreements.models import AgreementStatus
from vip.calendar import add_months
from vip.communities.rules import Limits, cap
from vip.money import Money
from vip.policy.parameters import Parameters


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    parameter: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "parameter": self.parameter}


@dataclass(frozen=True)
class InsuranceFacts:
    coverage: Money
    valid_from: dt.date
    valid_to: dt.date


@dataclass(frozen=True)
class CommunityFacts:
    population: int
    live_visas: int  # other live visas in the community
    household_live_visas: int  # other live visas of the sponsor's household
    max_active_visas: int | None
    max_per_1000_residents: Fraction | None
    max_per_household: int | None
    allowed_sectors: list[str] | None
    open_zone: bool


@dataclass(frozen=True)
class ApplicationFacts:
    params: Parameters
    is_transfer: bool  # the migrant is here already, moving from another sponsor
    sponsor_identity_verified: bool
    sponsor_citizen: bool  # verified citizen of the visa's jurisdiction
    sponsor_age: int | None
    sponsor_has_live_visa: bool
    sponsor_unpaid_fines: int
    migrant_identity_verified: bool
    migrant_age: int | None
    migrant_has_live_visa: bool  # other than the one being transferred
    migrant_barred_until: dt.date | None
    migrant_under_deportation_order: bool  # an order on any of his visas, not yet executed
    migrant_under_enforcement: bool  # an enforcement case on any of his visas, not yet closed
    agreement_status: AgreementStatus
    annual_pay: Money
    gain_share: Fraction
    start_date: dt.date
    duration_months: int
    sector: str | None
    insurance: InsuranceFacts | None
    community: CommunityFacts


class MigrantFacts(Protocol):
    """What the migrant's own rules read: an application's facts and an auction winner's both."""

    @property
    def params(self) -> Parameters: ...
    @property
    def migrant_identity_verified(self) -> bool: ...
    @property
    def migrant_age(self) -> int | None: ...
    @property
    def migrant_has_live_visa(self) -> bool: ...
    @property
    def migrant_barred_until(self) -> dt.date | None: ...
    @property
    def migrant_under_deportation_order(self) -> bool: ...
    @property
    def migrant_under_enforcement(self) -> bool: ...


class InsuredFacts(Protocol):
    """What the insurance rules read: the cover, and the term it must cover."""

    @property
    def params(self) -> Parameters: ...
    @property
    def insurance(self) -> InsuranceFacts | None: ...
    @property
    def start_date(self) -> dt.date: ...
    @property
    def duration_months(self) -> int: ...


@dataclass(frozen=True)
class AuctionVisaFacts:
    """A paid auction seat's visa: the migrant's rules and insurance, no sponsor, no agreement,
    no community (the auction's quota is its cap); the term is the auction's."""

    params: Parameters
    migrant_identity_verified: bool
    migrant_age: int | None
    migrant_has_live_visa: bool
    migrant_barred_until: dt.date | None
    migrant_under_deportation_order: bool
    migrant_under_enforcement: bool
    start_date: dt.date
    duration_months: int
    insurance: InsuranceFacts | None


class Outcome(StrEnum):
    """What the rules decide on an application; a review ends approved or refused."""

    APPROVED = "approved"
    REFUSED = "refused"
    REVIEW = "review"


REVIEW_OUTCOMES = (Outcome.APPROVED, Outcome.REFUSED)


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reasons: list[Reason]


def sponsor_reasons(f: ApplicationFacts) -> list[Reason]:
    p, out = f.params, list[Reason]()
    if not f.sponsor_identity_verified:
        out.append(Reason("SPONSOR_NOT_VERIFIED", "The sponsor's identity is not verified."))
    if not f.sponsor_citizen:
        out.append(
            Reason(
                "SPONSOR_NOT_CITIZEN",
                f"The sponsor is not a verified citizen of {p.jurisdiction.code}.",
            )
        )
    if f.sponsor_age is None or f.sponsor_age < p["sponsor.min_age"]:
        out.append(
            Reason(
                "SPONSOR_UNDER_MIN_AGE",
                f"A sponsor must be at least {p['sponsor.min_age']}.",
                "sponsor.min_age",
            )
        )
    if f.sponsor_has_live_visa:
        out.append(
            Reason(
                "SPONSOR_HAS_ACTIVE_SPONSORSHIP",
                "The sponsor already sponsors a migrant (one at a time).",
                "sponsor.max_active_sponsorships",
            )
        )
    if f.sponsor_unpaid_fines and not p["sponsor.may_sponsor_with_unpaid_fines"]:
        out.append(
            Reason(
                "SPONSOR_HAS_UNPAID_FINES",
                f"The sponsor has {f.sponsor_unpaid_fines} unpaid fine(s).",
                "sponsor.may_sponsor_with_unpaid_fines",
            )
        )
    return out


def migrant_reasons(f: MigrantFacts) -> list[Reason]:
    p, out = f.params, list[Reason]()
    if not f.migrant_identity_verified:
        out.append(Reason("MIGRANT_NOT_VERIFIED", "The migrant's identity is not verified."))
    if f.migrant_age is None or f.migrant_age < p["migrant.min_age"]:
        out.append(
            Reason(
                "MIGRANT_UNDER_MIN_AGE",
                f"A migrant worker must be at least {p['migrant.min_age']}.",
                "migrant.min_age",
            )
        )
    if f.migrant_has_live_visa:
        out.append(Reason("MIGRANT_HAS_ACTIVE_VISA", "The migrant already holds a visa."))
    if f.migrant_barred_until and f.migrant_barred_until > p.day:
        out.append(
            Reason(
                "MIGRANT_BARRED",
                f"The migrant is barred until {f.migrant_barred_until.isoformat()}.",
                "deportation.bar_years",
            )
        )
    if f.migrant_under_deportation_order:
        out.append(
            Reason(
                "MIGRANT_UNDER_DEPORTATION_ORDER",
                "The migrant is under a deportation order that has not been carried out.",
            )
        )
    if f.migrant_under_enforcement:
        out.append(
            Reason(
                "MIGRANT_UNDER_ENFORCEMENT",
                "The migrant is the subject of an open enforcement case.",
            )
        )
    return out


def agreement_reasons(f: ApplicationFacts) -> list[Reason]:
    p, out = f.params, list[Reason]()
    if f.agreement_status == AgreementStatus.USED:
        out.append(
            Reason(
                "AGREEMENT_ALREADY_USED",
                "A visa was granted on this agreement already: sign a new one.",
            )
        )
    elif f.agreement_status != AgreementStatus.SIGNED:
        out.append(Reason("AGREEMENT_NOT_SIGNED", "Both parties must sign the agreement."))
    return out + terms_reasons(p, f.annual_pay, f.gain_share, f.start_date, f.duration_months)


def terms_reasons(
    p: Parameters, annual_pay: Money, share: Fraction, start_date: dt.date, duration_months: int
) -> list[Reason]:
    """The lawful terms of an agreement, checked when it is offered and again at the application:
    a pay floor, a cap on the gain share, a longest term, a start not before the day."""
    out = list[Reason]()
    floor_pay = p.money("pay.floor_annual")
    if annual_pay.currency != floor_pay.currency or annual_pay.amount < floor_pay.amount:
        out.append(
            Reason(
                "PAY_BELOW_FLOOR", f"Annual pay must be at least {floor_pay}.", "pay.floor_annual"
            )
        )
    if share > p.fraction("gain_share.max_fraction"):
        out.append(
            Reason(
                "GAIN_SHARE_ABOVE_MAX",
                f"The gain share may not exceed {p.fraction('gain_share.max_fraction')}.",
                "gain_share.max_fraction",
            )
        )
    if duration_months > p["agreement.max_months"]:
        out.append(
            Reason(
                "AGREEMENT_TOO_LONG",
                f"An agreement may last at most {p['agreement.max_months']} months.",
                "agreement.max_months",
            )
        )
    if start_date < p.day:
        out.append(Reason("START_DATE_IN_PAST", f"The agreement must start on {p.day} or later."))
    return out


def insurance_reasons(f: InsuredFacts) -> list[Reason]:
    p = f.params
    if f.insurance is None:
        return [
            Reason(
                "INSURANCE_MISSING", "The sponsor must hold basic health insurance for the migrant."
            )
        ]
    out = []
    minimum = p.money("insurance.min_coverage")
    coverage = f.insurance.coverage
    if coverage.currency != minimum.currency or coverage.amount < minimum.amount:
        out.append(
            Reason(
                "INSURANCE_COVERAGE_TOO_LOW",
                f"Coverage must be at least {minimum}.",
                "insurance.min_coverage",
            )
        )
    months = min(f.duration_months, p["insurance.min_period_months"])
    covered_until = add_months(f.start_date, months) - dt.timedelta(days=1)
    if f.insurance.valid_from > f.start_date or f.insurance.valid_to < covered_until:
        out.append(
            Reason(
                "INSURANCE_PERIOD_TOO_SHORT",
                f"Insurance must run from {f.start_date} to at least {covered_until}.",
                "insurance.min_period_months",
            )
        )
    return out


def community_cap(c: CommunityFacts) -> int | None:
    limits = Limits(
        max_active_visas=c.max_active_visas, max_per_1000_residents=c.max_per_1000_residents
    )
    return cap(limits, c.population)


def community_reasons(f: ApplicationFacts) -> list[Reason]:
    c, out = f.community, list[Reason]()
    if c.open_zone:
        return out
    cap = community_cap(c)
    if cap is not None and c.live_visas >= cap:
        out.append(
            Reason(
                "COMMUNITY_CAP_REACHED",
                f"The community's cap of {cap} active visas is reached.",
                "community.max_active_visas",
            )
        )
    if c.max_per_household is not None and c.household_live_visas >= c.max_per_household:
        out.append(
            Reason(
                "HOUSEHOLD_CAP_REACHED",
                f"The household's cap of {c.max_per_household} is reached.",
                "community.max_per_household",
            )
        )
    if c.allowed_sectors is not None and f.sector not in c.allowed_sectors:
        out.append(
            Reason(
                "SECTOR_NOT_ALLOWED",
                f"The community allows only {', '.join(c.allowed_sectors) or 'no'} sectors.",
                "community.allowed_sectors",
            )
        )
    return out


def decide(f: ApplicationFacts) -> Decision:
    reasons = [
        *sponsor_reasons(f),
        *migrant_reasons(f),
        *agreement_reasons(f),
        *insurance_reasons(f),
        *community_reasons(f),
    ]
    if reasons:
        return Decision(Outcome.REFUSED, reasons)
    # A transfer is decided at once: the migrant is here and must never be left without a visa.
    if f.params["decision.manual_review"] and not f.is_transfer:
        return Decision(
            Outcome.REVIEW,
            [
                Reason(
                    "MANUAL_REVIEW",
                    "The authority reviews every application.",
                    "decision.manual_review",
                )
            ],
        )
    return Decision(Outcome.APPROVED, [])


def decide_auction_visa(f: AuctionVisaFacts) -> Decision:
    """An auction winner's visa, by the same migrant and insurance rules as a VIP visa. No
    manual review: the authority issues it itself (vip.auctions.services.issue_visa)."""
    reasons = [*migrant_reasons(f), *insurance_reasons(f)]
    return Decision(Outcome.REFUSED, reasons) if reasons else Decision(Outcome.APPROVED, [])


def gain_share(fraction: Fraction, monthly_earnings: Money, home_annual: Money) -> Money:
    """What the migrant owes his host for a month: fraction x max(0, earnings - home / 12)."""
    if monthly_earnings.currency != home_annual.currency:
        raise ValueError("earnings and the home baseline must be in one currency")
    gain = max(Fraction(0), Fraction(monthly_earnings.amount) - Fraction(home_annual.amount, 12))
    return Money(1, monthly_earnings.currency).times(fraction * gain)


@dataclass(frozen=True)
class Monthly:
    """An agreement's month at the agreed pay, stated before anyone signs."""

    pay: Money
    baseline: Money  # his home earnings, a month
    gain_share: Money  # what he owes his host
    keeps: Money


def monthly_terms(annual_pay: Money, home_annual: Money, share: Fraction) -> Monthly:
    pay = annual_pay.times(Fraction(1, 12))
    owed = gain_share(share, pay, home_annual)
    return Monthly(pay, home_annual.times(Fraction(1, 12)), owed, pay - owed)

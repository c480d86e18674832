"""Request and response shapes of API v1 (a contract: change by adding, never by breaking)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, field_validator

from vip.money import MINOR_UNITS, Money

Code = Field(pattern=r"^[a-z0-9_\-]{1,32}$")
Country = Field(pattern=r"^[A-Z]{2}$")
Level = Literal["A1", "A2", "B1", "B2", "C1", "C2", "native"]
Housing = Literal["none", "shared_room", "private_room", "private_home"]
SoftCriterion = Literal[
    "languages", "heritage", "religion", "interests", "experience", "pay", "housing"
]


class MoneyIn(Schema):
    amount: int = Field(ge=0, le=10**15)
    currency: str = Field(pattern="^(" + "|".join(MINOR_UNITS) + ")$")

    def money(self) -> Money:
        return Money(self.amount, self.currency)


class MoneyOut(Schema):
    amount: int
    currency: str


class Error(Schema):
    code: str
    message: str
    details: dict[str, Any]


class ErrorOut(Schema):
    error: Error


class AccountIn(Schema):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    password: str = Field(min_length=8, max_length=128)
    role: Literal["sponsor", "migrant"]
    full_name: str = Field(min_length=1, max_length=200)
    birth_date: dt.date
    country: str = Country
    citizenship: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    community: str | None = Field(default=None, max_length=32)


class CreatedOut(Schema):
    id: int


class AccountOut(Schema):
    id: int
    role: str


class TokenIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)


class TokenOut(Schema):
    token: str


class JurisdictionOut(Schema):
    code: str
    name: str
    currency: str


class ParameterMeta(Schema):
    unit: str  # year, count, boolean, currency_minor (money is shown with its currency), ...
    reference: str
    description: str


class ParametersOut(Schema):
    jurisdiction: str
    on: dt.date
    parameters: dict[str, Any]
    meta: dict[str, ParameterMeta]  # each parameter's unit, reference and description


class CommunityIn(Schema):
    code: str = Code
    name: str = Field(min_length=1, max_length=200)
    jurisdiction: str = Field(max_length=8)
    population: int = Field(ge=0, le=2_000_000_000)


class RulesIn(Schema):
    # Bounded by the columns (PositiveIntegerField): a larger number is a 422, not a crash.
    max_active_visas: int | None = Field(default=None, ge=0, le=2_000_000_000)
    max_per_1000_residents: Decimal | None = Field(default=None, ge=0, le=1000, decimal_places=3)
    max_per_household: int | None = Field(default=None, ge=0, le=2_000_000_000)
    allowed_sectors: list[str] | None = None
    open_zone: bool = False
    effective_from: dt.date | None = None


class RulesOut(RulesIn):
    effective_from: dt.date | None = None


class CommunityOut(Schema):
    code: str
    name: str
    jurisdiction: str
    population: int
    rules: RulesOut | None
    live_visas: int


class LanguageLevel(Schema):
    code: str = Field(pattern=r"^[a-z]{2,3}$")
    level: Level


class SectorYears(Schema):
    code: str = Code
    years: int = Field(ge=0, le=80)


class ProfileIn(Schema):
    languages: list[LanguageLevel] | None = None
    sectors: list[SectorYears] | None = None
    countries_worked: list[str] | None = None
    home_annual_earnings: MoneyIn | None = None
    interests: list[str] | None = None
    preferences: dict[str, Any] | None = None
    household_size: int | None = Field(default=None, ge=1, le=50)
    housing: str | None = Field(default=None, max_length=200)
    # The matching engine's data (docs/matching.md), all optional.
    available_from: dt.date | None = None
    jurisdictions: list[str] | None = Field(default=None, max_length=56)
    heritage: list[str] | None = Field(default=None, max_length=64)
    religion: str | None = Field(default=None, max_length=32)
    wants_other_adults: bool | None = None
    pay_expectation: int | None = Field(default=None, ge=0, le=10**15)
    housing_need: Housing | None = None
    adults: int | None = Field(default=None, ge=1, le=50)
    soft_criteria: list[SoftCriterion] | None = None


class HouseholdIn(Schema):
    household: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")


class HouseholdOut(Schema):
    id: int
    household: str


class VerificationIn(Schema):
    kind: Literal["identity", "citizenship", "criminal_record", "health"]
    result: Literal["clear", "not_clear"]
    note: str = Field(default="", max_length=1000)


class VerificationOut(Schema):
    id: int
    kind: str
    result: str
    verified_by: int
    verified_at: dt.datetime


class LanguageMin(Schema):
    code: str = Field(pattern=r"^[a-z]{2,3}$")
    min_level: Level


class SectorMin(Schema):
    code: str = Code
    min_years: int = Field(default=0, ge=0, le=80)


class AgeRange(Schema):
    min: int | None = Field(default=None, ge=0, le=120)
    max: int | None = Field(default=None, ge=0, le=120)


class RequestIn(Schema):
    sponsor: int | None = None  # an agency names the sponsor it acts for
    languages: list[LanguageMin] = []
    age: AgeRange = AgeRange()
    sectors: list[SectorMin] = []
    clean_record: bool = False
    health_clearance: bool = False
    # What the engine ranks on and what a round's offer is made of (all optional).
    start_date: dt.date | None = None
    annual_pay: MoneyIn | None = None
    housing: Housing = "none"
    housing_text: str = Field(default="", max_length=200)
    soft_criteria: list[SoftCriterion] | None = None
    duration_months: int = Field(default=12, ge=1, le=600)
    sector: str | None = Field(default=None, max_length=64)
    work: Literal["for_sponsor", "placed"] = "for_sponsor"
    gain_share: float | str = "1/2"


class BlockIn(Schema):
    person: int


class PersonOut(Schema):
    id: int
    full_name: str
    country: str
    age: int | None


class CandidateOut(Schema):
    migrant: PersonOut
    score: float
    reasons: list[str]


class CandidatesOut(Schema):
    results: list[CandidateOut]


class OpportunityOut(Schema):
    request: int
    sponsor: PersonOut
    community: str | None
    score: float
    reasons: list[str]


class OpportunitiesOut(Schema):
    results: list[OpportunityOut]


class AgreementIn(Schema):
    sponsor: int | None = None
    migrant: int
    start_date: dt.date
    duration_months: int = Field(ge=1, le=600)
    annual_pay: MoneyIn
    housing: str = Field(min_length=1, max_length=200)
    work: Literal["for_sponsor", "placed"]
    gain_share: float | str
    sector: str | None = Field(default=None, max_length=64)


class AgreementOut(Schema):
    id: int
    status: str
    sponsor: int
    migrant: int
    start_date: dt.date
    duration_months: int
    annual_pay: MoneyOut
    housing: str
    work: str
    sector: str
    gain_share: str
    home_annual_earnings: MoneyOut
    sponsor_signed: bool
    migrant_signed: bool


class StatusOut(Schema):
    id: int
    status: str


class InterviewIn(Schema):
    at: dt.datetime

    @field_validator("at")
    @classmethod
    def representable_in_utc(cls, at: dt.datetime) -> dt.datetime:
        """0001-01-01T00:00+14:00 and its like have no UTC time: refuse them, do not crash."""
        if at.tzinfo is not None:
            try:
                at.astimezone(dt.UTC)
            except OverflowError:
                raise ValueError("the time is out of range") from None
        return at


class InterviewOut(Schema):
    id: int
    at: dt.datetime
    video_url: str


class InsuranceIn(Schema):
    provider: str = Field(min_length=1, max_length=200)
    policy_number: str = Field(min_length=1, max_length=100)
    coverage: MoneyIn
    valid_from: dt.date
    valid_to: dt.date


class VisaIn(Schema):
    agreement: int
    insurance: InsuranceIn | None = None


class ReasonOut(Schema):
    code: str
    message: str
    parameter: str | None


class DecisionOut(Schema):
    outcome: str
    reasons: list[ReasonOut]
    decided_at: dt.datetime | None
    note: str


class VisaOut(Schema):
    id: int
    status: str
    sponsor: int
    migrant: int
    community: str
    jurisdiction: str
    agreement: int
    decision: DecisionOut
    transferred_from: int | None
    history: list[dict[str, Any]]


class DecisionIn(Schema):
    outcome: Literal["approved", "refused"]
    note: str = Field(default="", max_length=2000)


class EventIn(Schema):
    kind: str = Field(max_length=32)
    occurred_on: dt.date
    details: dict[str, Any] = {}


class EventOut(Schema):
    visa: VisaOut
    consequences: list[dict[str, Any]]


class EarningsIn(Schema):
    month: dt.date
    amount: MoneyIn


class EarningsOut(Schema):
    month: dt.date
    amount: MoneyOut
    gain_share: MoneyOut


class LedgerEntryOut(Schema):
    transaction: int
    kind: str
    memo: str
    at: dt.datetime
    amount: MoneyOut


class LedgerOut(Schema):
    balances: list[MoneyOut]
    entries: list[LedgerEntryOut]


class FineOut(Schema):
    id: int
    code: str
    parameter: str
    visa: int
    amount: MoneyOut
    issued_at: dt.datetime
    paid: bool


class AmnestyIn(Schema):
    person: int
    jurisdiction: str = Field(max_length=8)
    path: Literal["citizenship", "sponsorship"]
    received_on: dt.date


class DelegationIn(Schema):
    agency: int


class ComplaintIn(Schema):
    category: Literal["safety", "abuse", "pay", "housing", "other"]
    text: str = Field(min_length=1, max_length=5000)


class ComplaintOut(Schema):
    id: int
    visa: int
    category: str
    text: str
    filed_by: int
    filed_at: dt.datetime


class VisaSummaryOut(Schema):
    id: int
    status: str
    sponsor: int
    migrant: int
    community: str

"""Request and response shapes of API v1 (a contract: change by adding, never by breaking)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    Strict,
    StrictFloat,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
)
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from vip.agreements.models import AgreementStatus, Work
from vip.auctions.clearing import Rule
from vip.auctions.models import (
    AuctionStatus,
    DuplicateDecision,
    DuplicateReason,
    RegistrationOutcome,
    SeatStatus,
)
from vip.communities.selectors import Standing
from vip.errors import either
from vip.ledger.models import TransactionKind
from vip.matching.ranking.records import Housing, Level, SoftCriterion
from vip.money import MINOR_UNITS, Money
from vip.people.models import SELF_SERVICE_ROLES, Role, VerificationKind, VerificationResult
from vip.policy.parameters import Unit, jurisdictions
from vip.policy.sectors import vocabularies
from vip.visas.consequences import Effect
from vip.visas.models import (
    AmnestyPath,
    ComplaintCategory,
    ComplaintStatus,
    Event,
    Status,
    VisaKind,
)
from vip.visas.rules import REVIEW_OUTCOMES, Outcome


def iso_text(value: Any) -> Any:
    """A date or a time is ISO 8601 text: a number is not one (pydantic would read it as seconds
    since 1970)."""
    if isinstance(value, bool | int | float):
        raise PydanticCustomError("date_text", "a date or time is ISO 8601 text")
    return value


# Parsing is strict: `true` is not the integer 1, "1" is not 1, a number is not a date.
Int = Annotated[int, Strict()]  # (`9504.0` is 9504: the parser reads it so, app.number)
Bool = Annotated[bool, Strict()]
Date = Annotated[dt.date, BeforeValidator(iso_text)]
DateTime = Annotated[dt.datetime, BeforeValidator(iso_text)]


def coded(
    code: str, message: str, details: Callable[[Any], dict[str, Any]] | None = None
) -> WrapValidator:
    """A value the schema refuses answers with the field's documented code (the one the service
    gives for the same value), not a bare INVALID_INPUT: the client sees one code for one mistake,
    whichever layer catches it. `details` gives the refusal's details as the service words them
    (lists from several refused values are joined)."""

    def validate(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except PydanticValidationError:
            context = {"details": details(value)} if details else None
            raise PydanticCustomError(code, message, context) from None

    return WrapValidator(validate)


def only(allowed: Sequence[str]) -> tuple[AfterValidator, WithJsonSchema]:
    """A field that takes some members of its vocabulary: the others are refused, and the OpenAPI
    document lists only these."""

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"not {either(allowed)}")
        return value

    return AfterValidator(check), WithJsonSchema({"type": "string", "enum": list(allowed)})


SIGN_UP_ROLE, SIGN_UP_SCHEMA = only(SELF_SERVICE_ROLES)
REVIEW_OUTCOME, REVIEW_SCHEMA = only(REVIEW_OUTCOMES)

# The vocabularies are data (src/vip/policy): the document lists what the files hold today.
JURISDICTIONS = sorted(jurisdictions())
JurisdictionCode = Annotated[
    str,
    *only(JURISDICTIONS),
    coded("JURISDICTION_UNKNOWN", f"the jurisdiction is {either(JURISDICTIONS)}"),
]
# Sector codes are shared across jurisdictions (sectors.yaml): any jurisdiction's code is one;
# whether the one in question has it is the service's check (SECTOR_UNKNOWN).
SECTORS = sorted({code for v in vocabularies().values() for code in v.names})
SECTOR_CODE = coded(
    "SECTOR_UNKNOWN",
    f"the sector is {either(SECTORS)}",
    lambda value: {"sectors": [value], "jurisdiction": None} if isinstance(value, str) else {},
)
SectorCode = Annotated[str, *only(SECTORS), SECTOR_CODE]
# An offer's sector: one of them, or none ("" or null; a request then takes its first sector).
OptionalSector = Annotated[str, *only(["", *SECTORS]), SECTOR_CODE]

# Django's EmailValidator (the one sign-up and `vip createuser` run), without what an API client
# never needs: a quoted local part, an IP literal, `localhost`, an internationalised domain not in
# its xn-- form. A pattern the document can state, so an address the document allows is one.
LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_PATTERN = (
    r"^[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*"
    rf"@{LABEL}(\.{LABEL})*\.([A-Za-z][A-Za-z-]{{0,61}}[A-Za-z]|xn--[A-Za-z0-9]{{1,59}})$"
)


def fraction_pattern() -> str:
    """A gain share written as text, 0 to 1: a decimal (`0.4`, `1.0`), or a fraction `n/d` whose
    digits show n <= d without arithmetic (n shorter than d; the same length with a smaller first
    digit; n = d of one digit): `1/2`, `2/3`, `30/100`, `25/50`. A regular expression cannot
    compare two numbers of the same length digit by digit: `12/15` is written `4/5`."""
    alternatives = [r"0(\.[0-9]{1,12})?", r"1(\.0{1,12})?"]
    alternatives += [rf"[0-9]{{{k}}}/[1-9][0-9]{{{k},11}}" for k in range(1, 12)]
    alternatives += [
        rf"{first}[0-9]{{{rest}}}/[{first + 1}-9][0-9]{{{rest}}}"
        for rest in range(12)
        for first in range(9)
    ]
    alternatives += [f"{digit}/{digit}" for digit in range(1, 10)]
    return "^ *(" + "|".join(alternatives) + ") *$"  # spaces around, as the service allows


GAIN_SHARE_CODE = coded(
    "GAIN_SHARE_INVALID", 'the gain share is a fraction from 0 to 1: 0.5, "0.5" or "1/2"'
)
GainShare = Annotated[
    Annotated[StrictFloat, Field(ge=0, le=1)] | Annotated[str, Field(pattern=fraction_pattern())],
    GAIN_SHARE_CODE,
]


PER_THOUSAND_TEXT = r"(1000(\.0{1,3})?|[0-9]{1,3}(\.[0-9]{1,3})?)"  # 0 to 1000


def thousandths(value: Any) -> Any:
    """A rate per 1000 residents has at most three decimals: as text, digits (`"2.5"`); as a
    number, a multiple of 0.001 as JSON Schema's `multipleOf` reads one (the quotient is whole),
    so the document and the parser draw the same line through floating point."""
    if isinstance(value, str):
        if not re.fullmatch(PER_THOUSAND_TEXT, value):
            raise PydanticCustomError("decimal_text", "digits with at most three decimals")
        return Decimal(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= 10**6:
        quotient = value / 0.001  # (larger: out of range, refused as such below)
        if quotient != int(quotient):
            raise PydanticCustomError("decimal_places", "at most three decimals")
        return Decimal(int(quotient)) / 1000
    return value


PerThousand = Annotated[
    Decimal,
    BeforeValidator(thousandths),
    Field(ge=0, le=1000),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 1000, "multipleOf": 0.001},
                {"type": "string", "pattern": f"^{PER_THOUSAND_TEXT}$"},
            ]
        }
    ),
]

Code = Field(pattern=r"^[a-z0-9_\-]{1,32}$")
Country = Field(pattern=r"^[A-Z]{2}$")


class MoneyIn(Schema):
    amount: Int = Field(ge=0, le=10**15)
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
    email: Annotated[
        str,
        Field(pattern=EMAIL_PATTERN, max_length=254),
        coded("EMAIL_INVALID", "not an e-mail address"),
    ]
    password: Annotated[
        str,
        Field(min_length=8),
        coded("PASSWORD_TOO_SHORT", "a password has at least 8 characters"),
        Field(max_length=128),
    ]
    role: Annotated[
        Role,
        SIGN_UP_ROLE,
        SIGN_UP_SCHEMA,
        coded("ROLE_UNKNOWN", f"sign-up is for {either(SELF_SERVICE_ROLES)}"),
    ]
    full_name: str = Field(min_length=1, max_length=200)
    birth_date: Date
    country: str = Country
    citizenship: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    community: str | None = Field(default=None, max_length=32)


class CreatedOut(Schema):
    id: int


class SignUpOut(Schema):
    """What sign-up answers, whether the e-mail had an account or not."""

    message: str


class TokenIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)
    # Staff: the code of their authenticator app (TOTP), or one of their recovery codes.
    code: str = Field(default="", max_length=32)


class TokenOut(Schema):
    token: str


class TokenInfoOut(Schema):
    """One of a person's tokens, without its secret (only a digest is stored)."""

    id: int
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime
    current: bool


class PasswordIn(Schema):
    current: str = Field(max_length=128)
    new: str = Field(max_length=128)


class JurisdictionOut(Schema):
    code: str
    name: str
    currency: str


class ParameterMeta(Schema):
    unit: Unit  # a currency_minor amount is shown with its currency
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
    jurisdiction: JurisdictionCode
    population: Int = Field(ge=0, le=2_000_000_000)


class RulesIn(Schema):
    # Bounded by the columns (PositiveIntegerField): a larger number is a 422, not a crash.
    max_active_visas: Int | None = Field(default=None, ge=0, le=2_000_000_000)
    max_per_1000_residents: PerThousand | None = None
    max_per_household: Int | None = Field(default=None, ge=0, le=2_000_000_000)
    allowed_sectors: list[SectorCode] | None = None
    open_zone: Bool = False
    effective_from: Date | None = None


class RulesOut(RulesIn):
    effective_from: dt.date | None = None


class RulesChangeOut(RulesOut):
    standing: Standing
    set_by: int
    set_at: dt.datetime


class RulesHistoryOut(Schema):
    community: str
    on: dt.date
    rules: list[RulesChangeOut]  # oldest first


class SectorOut(Schema):
    code: str
    name: str


class SectorsOut(Schema):
    jurisdiction: str
    reference: str
    sectors: list[SectorOut]


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
    code: SectorCode
    years: Int = Field(ge=0, le=80)


class ProfileIn(Schema):
    """A sponsor's profile or a migrant's, whichever the caller has. Both: `languages`,
    `interests`, `heritage`, `religion`, `soft_criteria`. A migrant's only: `sectors`,
    `countries_worked`, `home_annual_earnings`, `preferences`, `available_from`, `jurisdictions`,
    `wants_other_adults`, `pay_expectation`, `housing_need`. A sponsor's only: `household_size`,
    `housing`, `adults`. A field of the other role's profile: 422 PROFILE_FIELD_UNKNOWN."""

    languages: list[LanguageLevel] | None = None
    sectors: list[SectorYears] | None = None
    countries_worked: list[str] | None = None
    home_annual_earnings: MoneyIn | None = None
    interests: list[str] | None = None
    preferences: dict[str, Any] | None = None
    household_size: Int | None = Field(default=None, ge=1, le=50)
    housing: str | None = Field(default=None, max_length=200)
    # The ranking's data (docs/matching.md), all optional.
    available_from: Date | None = None
    jurisdictions: list[str] | None = Field(default=None, max_length=56)
    heritage: list[str] | None = Field(default=None, max_length=64)
    religion: str | None = Field(default=None, max_length=32)
    wants_other_adults: Bool | None = None
    pay_expectation: Int | None = Field(default=None, ge=0, le=10**15)
    housing_need: Housing | None = None
    adults: Int | None = Field(default=None, ge=1, le=50)
    soft_criteria: list[SoftCriterion] | None = None


class HouseholdIn(Schema):
    household: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")


class HouseholdOut(Schema):
    id: int
    household: str


class VerificationIn(Schema):
    kind: VerificationKind
    result: VerificationResult
    note: str = Field(default="", max_length=1000)
    country: str = Field(
        default="",
        pattern=r"^([A-Z]{2})?$",
        description="a clear citizenship's country (else the one the person's request claims)",
    )


class VerificationOut(Schema):
    id: int
    kind: VerificationKind
    result: VerificationResult
    verified_by: int
    verified_at: dt.datetime


class LanguageMin(Schema):
    code: str = Field(pattern=r"^[a-z]{2,3}$")
    min_level: Level


class SectorMin(Schema):
    code: SectorCode
    min_years: Int = Field(default=0, ge=0, le=80)


class AgeRange(Schema):
    min: Int | None = Field(default=None, ge=0, le=120)
    max: Int | None = Field(default=None, ge=0, le=120)


def an_object(value: Any) -> Any:
    """A schema whose fields are all optional would read any value as empty (ninja reads
    attributes): only an object is one."""
    if not isinstance(value, dict | Schema):
        raise PydanticCustomError("model_type", "an object is wanted")
    return value


class RequestIn(Schema):
    sponsor: Int | None = None  # an agency names the sponsor it acts for
    languages: list[LanguageMin] = []
    age: Annotated[AgeRange, BeforeValidator(an_object)] = AgeRange()
    sectors: list[SectorMin] = []
    clean_record: Bool = False
    health_clearance: Bool = False
    # What the ranking ranks on and what a round's offer is made of (all optional).
    start_date: Date | None = None
    annual_pay: MoneyIn | None = None
    housing: Housing = Housing.NONE
    housing_text: str = Field(default="", max_length=200)
    soft_criteria: list[SoftCriterion] | None = None
    duration_months: Annotated[
        Int, Field(ge=1, le=600), coded("DURATION_INVALID", "an agreement lasts 1 to 600 months")
    ] = 12
    sector: OptionalSector | None = None
    work: Work = Work.FOR_SPONSOR
    gain_share: GainShare = "1/2"


class BlockIn(Schema):
    person: Int


class PersonOut(Schema):
    id: int
    full_name: str
    country: str
    age: int | None
    verified: bool = Field(
        description="identity verified by the authority (a sponsor's citizenship too)"
    )


class RequestTermsOut(Schema):
    """What a round's offer on the request is made of, and what the ranking ranks on."""

    start_date: dt.date | None
    annual_pay: MoneyOut
    housing: Housing
    housing_text: str
    duration_months: int
    sector: str
    work: Work
    gain_share: str


class RequestOut(Schema):
    id: int
    sponsor: int
    created_at: dt.datetime
    open: bool = Field(description="false once closed by hand or by the sponsor's visa")
    languages: list[dict[str, Any]]
    age: dict[str, int | None]
    sectors: list[dict[str, Any]]
    clean_record: bool
    health_clearance: bool
    terms: RequestTermsOut


class RequestsOut(Schema):
    results: list[RequestOut]
    next: str | None = Field(description="the cursor of the next page; null: the last page")


class ViewerOut(Schema):
    id: int
    full_name: str
    role: Role


class ProfileViewOut(Schema):
    viewer: ViewerOut
    request: int
    sponsor: int
    at: dt.datetime


class CandidateOut(Schema):
    migrant: PersonOut
    score: float
    reasons: list[str]


class CandidatesOut(Schema):
    results: list[CandidateOut]
    next: str | None = Field(description="the cursor of the next page; null: the last page")


class OpportunityOut(Schema):
    request: int
    sponsor: PersonOut
    community: str | None
    score: float
    reasons: list[str]
    terms: RequestTermsOut
    migrant_verified: bool = Field(description="whether the migrant's own identity is verified")


class OpportunitiesOut(Schema):
    results: list[OpportunityOut]
    next: str | None = Field(description="the cursor of the next page; null: the last page")


class AgreementIn(Schema):
    sponsor: Int | None = None
    migrant: Int
    start_date: Date
    duration_months: Annotated[
        Int, Field(ge=1, le=600), coded("DURATION_INVALID", "an agreement lasts 1 to 600 months")
    ]
    annual_pay: MoneyIn
    housing: str = Field(min_length=1, max_length=200)
    work: Work
    gain_share: GainShare
    sector: OptionalSector | None = None


class PageQuery(Schema):
    """A listing's page: `limit` rows from where `cursor` (the previous page's `next`) points."""

    limit: int = Field(default=20, ge=1, le=200)
    cursor: str | None = Field(
        default=None,
        pattern=r"^[0-9]{1,6}$",
        description="the `next` of the previous page; none: the first page",
    )

    @property
    def offset(self) -> int:
        return int(self.cursor or 0)


def next_cursor(page: PageQuery, more: bool) -> str | None:
    return str(page.offset + page.limit) if more else None


class MonthlyOut(Schema):
    pay: MoneyOut
    baseline: MoneyOut
    gain_share: MoneyOut
    keeps: MoneyOut


class ExchangeRateOut(Schema):
    """The rate an offer locked (rule 11): one unit of `from_currency` in `to_currency`."""

    from_currency: str
    to_currency: str
    rate: str = Field(description="one unit of `from_currency` in `to_currency`, exact: `10/1333`")
    shown: str = Field(description="as people read it: `1 USD = 133.3 NPR`")
    effective: dt.date = Field(description="the day the quote took effect")
    source: str


class AgreementOut(Schema):
    id: int
    status: AgreementStatus
    sponsor: int
    migrant: int
    start_date: dt.date
    duration_months: int
    annual_pay: MoneyOut
    housing: str
    work: Work
    sector: str
    gain_share: str
    home_annual_earnings: MoneyOut = Field(
        description="the gain share's baseline: the migrant's home earnings a year in the "
        "agreement's currency, converted at `exchange_rate` (rounded half to even to the minor "
        "unit)"
    )
    home_earnings_stated: MoneyOut = Field(
        description="the migrant's home earnings a year as stated, in their own currency"
    )
    exchange_rate: ExchangeRateOut = Field(
        description="the rate the offer locked on its day, from the migrant's currency to the "
        "agreement's"
    )
    monthly: MonthlyOut = Field(
        description="A month at the agreed pay: the pay, the migrant's home earnings (the "
        "baseline), the gain share owed at that pay and what the migrant keeps"
    )
    sponsor_signed: bool
    migrant_signed: bool


class StatusOut(Schema):
    id: int
    status: AgreementStatus


class AgreementsOut(Schema):
    results: list[AgreementOut]
    next: str | None = Field(description="the cursor of the next page; null: the last page")


class InterviewIn(Schema):
    at: DateTime

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
    valid_from: Date
    valid_to: Date


class VisaIn(Schema):
    agreement: Int
    insurance: InsuranceIn | None = None


class ReasonOut(Schema):
    code: str
    message: str
    parameter: str | None


class DecisionOut(Schema):
    outcome: Outcome
    reasons: list[ReasonOut]
    decided_at: dt.datetime | None
    note: str


class VisaOut(Schema):
    """A VIP visa has a sponsor, a community and an agreement; an auction visa (kind `auction`,
    a seat won at a quota auction) has none of them."""

    id: int
    status: Status
    kind: VisaKind
    sponsor: int | None
    migrant: int
    community: str | None
    jurisdiction: str
    agreement: int | None
    decision: DecisionOut
    transferred_from: int | None
    history: list[dict[str, Any]]


class DecisionIn(Schema):
    outcome: Annotated[
        Outcome,
        REVIEW_OUTCOME,
        REVIEW_SCHEMA,
        coded("OUTCOME_INVALID", f"the outcome is {either(REVIEW_OUTCOMES)}"),
    ]
    note: str = Field(default="", max_length=2000)


class EventIn(Schema):
    kind: Annotated[Event, coded("EVENT_UNKNOWN", f"the event is {either(Event)}")]
    occurred_on: Date
    details: dict[str, Any] = {}


class ConsequenceOut(Schema):
    """vip.visas.consequences.Consequence: only the fields of its kind are set."""

    kind: Effect
    id: int
    code: str | None
    parameter: str | None
    amount: MoneyOut | None
    opened_on: dt.date | None
    closed_on: dt.date | None
    ended_on: dt.date | None
    effective_on: dt.date | None
    executed_on: dt.date | None
    refunded: MoneyOut | None = Field(
        default=None,
        description="support ended partway through a month charged, where "
        "support.prorate_month_begun is true: what went back to the sponsor",
    )


class EventOut(Schema):
    visa: VisaOut
    consequences: list[ConsequenceOut]


class EarningsIn(Schema):
    month: Date
    amount: MoneyIn


class EarningsOut(Schema):
    month: dt.date
    amount: MoneyOut
    gain_share: MoneyOut


class LedgerEntryOut(Schema):
    transaction: int
    kind: TransactionKind
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
    person: Int
    jurisdiction: JurisdictionCode
    path: Annotated[
        AmnestyPath, coded("AMNESTY_PATH_UNKNOWN", f"the path is {either(AmnestyPath)}")
    ]
    received_on: Date


class DelegationIn(Schema):
    agency: Int


class AgencyOut(Schema):
    id: int
    full_name: str


class ClientOut(Schema):
    id: int = Field(description="the sponsor's id")
    full_name: str
    since: dt.datetime = Field(description="when the sponsor delegated to the agency")


class AgencySearch(Schema):
    name: str = Field(default="", max_length=200, description="part of the agency's name")


class ComplaintIn(Schema):
    category: Annotated[
        ComplaintCategory,
        coded("COMPLAINT_CATEGORY_UNKNOWN", f"the category is {either(ComplaintCategory)}"),
    ]
    text: str = Field(min_length=1, max_length=5000)


class ComplaintOut(Schema):
    id: int
    visa: int
    category: ComplaintCategory
    text: str
    filed_by: int
    filed_at: dt.datetime
    status: ComplaintStatus
    assigned_to: int | None
    answer: str
    answered_at: dt.datetime | None
    resolved_at: dt.datetime | None
    escalated_at: dt.datetime | None = Field(description="raised to senior staff as urgent")


class ComplaintAssignIn(Schema):
    assignee: Int = Field(description="a member of the authority's staff")


class ComplaintAnswerIn(Schema):
    text: str = Field(min_length=1, max_length=5000)


class ComplaintEscalateIn(Schema):
    note: str = Field(min_length=1, max_length=5000, description="why, for the authority's staff")


class VisaSummaryOut(Schema):
    id: int
    status: Status
    kind: VisaKind
    sponsor: int | None
    migrant: int
    community: str | None


# --- auctions ----------------------------------------------------------------------------------


def aware(at: dt.datetime) -> dt.datetime:
    """An auction's window is a moment: its offset is given, and it has a UTC time."""
    if at.tzinfo is None:
        raise ValueError("a time with its offset (2027-03-01T09:00+00:00)")
    try:
        at.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("the time is out of range") from None
    return at


Moment = Annotated[dt.datetime, BeforeValidator(iso_text), AfterValidator(aware)]


class AuctionIn(Schema):
    code: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")
    jurisdiction: str = Field(min_length=1, max_length=8)
    quota: Int = Field(ge=1, le=10_000_000)
    term_months: Int = Field(ge=1, le=600)
    reserve: Int = Field(ge=0, le=10**15)  # minor units per visa-year
    registration_opens: Moment
    registration_closes: Moment
    bidding_opens: Moment
    bidding_closes: Moment
    rule: Annotated[Rule, coded("RULE_UNKNOWN", f"the rule is {either(Rule)}")] = (
        Rule.HIGHEST_REJECTED
    )


class AuctionOut(Schema):
    """An auction's public record: its terms, calendar and, once cleared, its price."""

    code: str
    jurisdiction: str
    status: AuctionStatus
    quota: int
    term_months: int
    reserve: MoneyOut  # per visa-year
    rule: Rule
    registration_opens: dt.datetime
    registration_closes: dt.datetime
    bidding_opens: dt.datetime
    bidding_closes: dt.datetime
    registration_fee: MoneyOut
    deposit: MoneyOut
    agency_cap: int  # winners an agency may have (its share of the quota)
    payment_days: int
    seed_commitment: str  # the tie-break seed's SHA-256, from the opening of bidding
    price: MoneyOut | None  # per visa-year, once cleared


class RegistrationIn(Schema):
    document_country: str = Field(min_length=2, max_length=2)
    document_number: str = Field(min_length=1, max_length=64)
    beneficiary: Int | None = None  # an agency's client; a migrant registers himself


class RegistrationOut(Schema):
    """A registration, to its beneficiary, the agency that filed it and the authority; the flag
    and the result are the authority's and the beneficiary's to read."""

    id: int
    auction: str
    reference: str  # the pseudonymous id his bid is published under at the clearing
    beneficiary: int
    agency: int | None
    registered_at: dt.datetime
    consented_at: dt.datetime | None
    duplicate_of: int | None
    # "" until there is one: a flag, the authority's word on it, the clearing, a seat offered
    duplicate_reason: DuplicateReason | Literal[""]
    duplicate_decision: DuplicateDecision | Literal[""]
    outcome: RegistrationOutcome | Literal[""]
    rank: int | None
    seat: SeatStatus | Literal[""]
    pay_by: dt.datetime | None
    paid_at: dt.datetime | None
    refunded_at: dt.datetime | None
    visa: int | None


class BidIn(Schema):
    amount: MoneyIn  # per visa-year


class BidOut(Schema):
    registration: int
    amount: MoneyOut  # per visa-year
    placed_at: dt.datetime
    changed_at: dt.datetime


class SeatVisaIn(Schema):
    insurance: InsuranceIn | None = None


class DuplicateDecisionIn(Schema):
    decision: Annotated[
        DuplicateDecision,
        coded("DUPLICATE_DECISION_INVALID", f"the decision is {either(DuplicateDecision)}"),
    ]


class DividendOut(Schema):
    per_citizen: MoneyOut
    citizens: int
    paid_out: MoneyOut
    costs: MoneyOut
    remainder: MoneyOut  # stays in the program's account for the next payout


class PublishedBidOut(Schema):
    id: str  # the registration's pseudonymous reference, known to its bidder alone
    amount: int  # minor units per visa-year


class AuctionInputsOut(Schema):
    """A cleared auction's published inputs: `vip auction clear INPUT.json`'s input, so that
    anyone recomputes the result and checks it against `result_hash`."""

    quota: int
    reserve: int
    rule: Rule
    seed: str
    bids: list[PublishedBidOut]


class AuctionResultsOut(Schema):
    """A cleared auction's public figures: nobody's name, bid or reference in them."""

    code: str
    status: AuctionStatus
    quota: int
    bids: int  # the bids counted
    winners: int
    price: MoneyOut  # per visa-year
    seat_price: MoneyOut  # the whole term's
    seats_paid: int
    revenue: MoneyOut
    seed: str
    seed_commitment: str
    result_hash: str
    dividend: DividendOut | None  # once settled

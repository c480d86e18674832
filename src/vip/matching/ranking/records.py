"""What the ranking knows about a migrant and about a sponsor's request: plain records.

The Django side fills these from profiles, verifications, visas and requests; the index packs
them into columns. Money is an annual amount in minor units of the index's jurisdiction currency:
a migrant states his pay expectation in his own currency (`pay_currency`), and each market ranks
him `priced` in its own, so the kernels compare integers of one currency.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum


class Level(StrEnum):
    """How well one speaks a language: CEFR's six levels, or as a mother tongue."""

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"


class Housing(StrEnum):
    """Housing, ordered from least to most: a migrant's need is met by an offer at least as high."""

    NONE = "none"
    SHARED_ROOM = "shared_room"
    PRIVATE_ROOM = "private_room"
    PRIVATE_HOME = "private_home"


class SoftCriterion(StrEnum):
    """What each side may opt into for the soft score; their order is the bit order in the index."""

    LANGUAGES = "languages"
    HERITAGE = "heritage"
    RELIGION = "religion"
    INTERESTS = "interests"
    EXPERIENCE = "experience"
    PAY = "pay"
    HOUSING = "housing"


# The ranking reads CEFR's levels; a mother tongue ranks as C2 (from_database.py).
CEFR_LEVELS = tuple(level for level in Level if level is not Level.NATIVE)
HOUSING_LEVELS = tuple(Housing)
SOFT_CRITERIA = tuple(SoftCriterion)
# A language counts as shared for the soft score from this level on.
CONVERSATIONAL = Level.B1


def cefr_rank(level: str | None) -> int:
    """0 when the language is not spoken, 1 (A1) to 6 (C2) otherwise."""
    return 0 if level is None else CEFR_LEVELS.index(level) + 1


@dataclass(frozen=True)
class Safeguards:
    """Safeguarding rules, parameters of the jurisdiction rather than code."""

    # A migrant who asks for a household with other adults never sees smaller households.
    min_adults_for_safeguarded: int = 2


DEFAULT_SAFEGUARDS = Safeguards()


@dataclass(frozen=True)
class MigrantRecord:
    id: int
    birth_date: date
    available_from: date
    languages: Mapping[str, str] = field(default_factory=dict)  # code -> CEFR level
    sectors: Mapping[str, int] = field(default_factory=dict)  # code -> years of experience
    clean_record: bool = False  # verified clear criminal record
    health: bool = False  # verified health clearance
    jurisdictions: frozenset[str] = frozenset()  # where he accepts to go
    interests: frozenset[str] = frozenset()
    heritage: frozenset[str] = frozenset()  # origin and heritage
    religion: str | None = None
    wants_other_adults: bool = False  # safeguard: only households with other adults
    holds_visa: bool = False
    signed_agreement: bool = False
    verified: bool = True  # his identity is verified: only verified migrants are listed
    pay_expectation: int = 0  # annual, minor units of pay_currency
    housing_need: str = Housing.NONE
    preferences: frozenset[str] = frozenset()  # soft criteria he opts into
    pay_currency: str = ""  # the currency he states it in; "": the index's own


# (minor units, from currency, to currency) -> minor units in the second: the dated exchange rate
# (vip.policy.rates) on the Django side; the ranking itself knows no rates.
Convert = Callable[[int, str, str], int]


def priced_amount(amount: int, stated_in: str, currency: str, convert: Convert) -> int:
    """An amount stated in `stated_in` ("": the market's own) as a market in `currency` reads it."""
    return amount if stated_in in ("", currency) else convert(amount, stated_in, currency)


def priced(migrant: MigrantRecord, currency: str, convert: Convert) -> MigrantRecord:
    """The migrant as a market in `currency` ranks him: his pay expectation converted into it
    (what an index of that market holds, `pay_currency` then "")."""
    amount = priced_amount(migrant.pay_expectation, migrant.pay_currency, currency, convert)
    return replace(migrant, pay_expectation=amount, pay_currency="")


@dataclass(frozen=True)
class SponsorRecord:
    """An open sponsorship request with what the ranking needs of its sponsor and community."""

    id: int  # the request
    sponsor_id: int
    jurisdiction: str
    start_date: date  # the migrant must be available by then
    age_min: int = 0
    age_max: int = 200
    languages_required: Mapping[str, str] = field(default_factory=dict)  # code -> min CEFR
    sectors_required: Mapping[str, int] = field(default_factory=dict)  # code -> min years
    clean_record: bool = False
    health_clearance: bool = False
    allowed_sectors: frozenset[str] | None = None  # the community's rule; None: all allowed
    household_adults: int = 1
    languages: Mapping[str, str] = field(default_factory=dict)  # the sponsor's own
    interests: frozenset[str] = frozenset()
    heritage: frozenset[str] = frozenset()
    religion: str | None = None
    annual_pay: int = 0  # minor units
    housing: str = Housing.NONE  # what the sponsor offers
    preferences: frozenset[str] = frozenset()  # soft criteria the sponsor opts into
    open: bool = True  # False once the sponsor holds a visa or a signed agreement

    def sectors_allowed(self) -> bool:
        """A request for a sector its community does not allow never shows anyone."""
        allowed = self.allowed_sectors
        return allowed is None or all(code in allowed for code in self.sectors_required)

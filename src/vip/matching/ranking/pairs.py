"""One migrant and one request, in plain Python: may they meet, how well do they fit, and why.

This is the brute-force definition the fast kernels must reproduce exactly (they compute the
same integer points), and the source of the reasons shown with each result.

Points are integers from 0 to FULL (1000, scoring.py) so that both implementations agree to
the last digit:
- each soft criterion gives points (below) only when both sides opted into it, 0 otherwise: what
  one side states (his religion, his heritage) is never used, nor shown, for someone who did not
  opt into it too;
- a side's score is the mean of those points over the criteria that side opted into (floor
  division), 1000 when it opted into none;
- the pair's score is the harmonic mean of the two sides' scores, 2ab / (a + b) (floor), 0 when
  either is 0: high only when both sides' scores are high;
- a pair that may meet is listed only when its score is above 0 (`listed`): one that scores 0
  is shown to neither side.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from vip.calendar import age_on
from vip.matching.ranking.ranked import MatchReason, Why
from vip.matching.ranking.records import (
    CONVERSATIONAL,
    HOUSING_LEVELS,
    SOFT_CRITERIA,
    MigrantRecord,
    Safeguards,
    SoftCriterion,
    SponsorRecord,
    cefr_rank,
)
from vip.matching.ranking.scoring import EXPERIENCE_CAP, FULL, INTERESTS_CAP, LANGUAGES_CAP
from vip.matching.ranking.vocabulary import Vocabularies


def meets_request(migrant: MigrantRecord, request: SponsorRecord, on: date) -> bool:
    """The request's own criteria: languages, sectors, age, record, health, availability."""
    return (
        all(
            cefr_rank(migrant.languages.get(code)) >= cefr_rank(level)
            for code, level in request.languages_required.items()
        )
        and all(
            code in migrant.sectors and migrant.sectors[code] >= years
            for code, years in request.sectors_required.items()
        )
        and request.age_min <= age_on(migrant.birth_date, on) <= request.age_max
        and (migrant.clean_record or not request.clean_record)
        and (migrant.health or not request.health_clearance)
        and migrant.available_from <= request.start_date
    )


def may_meet(
    migrant: MigrantRecord,
    request: SponsorRecord,
    on: date,
    safeguards: Safeguards,
    *,
    by_migrant: bool = False,
) -> bool:
    """Every hard criterion of both sides, the community's and the program's (blocks aside). A
    migrant who holds a visa is listed to no sponsor, but finds another himself when he searches
    (`by_migrant`): he may move to a new sponsor while his visa stays active (rule 7)."""
    return (
        request.open
        and request.sectors_allowed()
        and (by_migrant or not migrant.holds_visa)
        and not migrant.signed_agreement
        and migrant.verified
        and request.jurisdiction in migrant.jurisdictions
        and not (
            migrant.wants_other_adults
            and request.household_adults < safeguards.min_adults_for_safeguarded
        )
        and meets_request(migrant, request, on)
    )


def _spoken(languages: Mapping[str, str]) -> frozenset[str]:
    floor = cefr_rank(CONVERSATIONAL)
    return frozenset(code for code, level in languages.items() if cefr_rank(level) >= floor)


def extra_languages(migrant: MigrantRecord, request: SponsorRecord) -> frozenset[str]:
    """Languages both speak conversationally, beyond those the request requires."""
    both = _spoken(migrant.languages) & _spoken(request.languages)
    return both - frozenset(request.languages_required)


def extra_years(migrant: MigrantRecord, request: SponsorRecord) -> int:
    """Years of experience beyond the required minimum, over the required sectors."""
    return sum(migrant.sectors.get(c, 0) - y for c, y in request.sectors_required.items())


def criterion_points(migrant: MigrantRecord, request: SponsorRecord) -> dict[str, int]:
    """Points of each soft criterion for this pair, the same whichever side looks."""
    pay = (
        FULL
        if migrant.pay_expectation <= 0
        else min(FULL, request.annual_pay * FULL // migrant.pay_expectation)
    )
    housing_met = HOUSING_LEVELS.index(request.housing) >= HOUSING_LEVELS.index(
        migrant.housing_need
    )
    return {
        SoftCriterion.LANGUAGES: min(len(extra_languages(migrant, request)), LANGUAGES_CAP)
        * FULL
        // LANGUAGES_CAP,
        SoftCriterion.HERITAGE: FULL if migrant.heritage & request.heritage else 0,
        SoftCriterion.RELIGION: FULL
        if migrant.religion and migrant.religion == request.religion
        else 0,
        SoftCriterion.INTERESTS: min(len(migrant.interests & request.interests), INTERESTS_CAP)
        * FULL
        // INTERESTS_CAP,
        SoftCriterion.EXPERIENCE: min(extra_years(migrant, request), EXPERIENCE_CAP)
        * FULL
        // EXPERIENCE_CAP,
        SoftCriterion.PAY: pay,
        SoftCriterion.HOUSING: FULL if housing_met else 0,
    }


def shared_criteria(migrant: MigrantRecord, request: SponsorRecord) -> frozenset[str]:
    """The soft criteria both sides opted into: the only ones used and shown."""
    return request.preferences & migrant.preferences


def side_score(points: dict[str, int], opted_in: frozenset[str], shared: frozenset[str]) -> int:
    chosen = [points[c] if c in shared else 0 for c in SOFT_CRITERIA if c in opted_in]
    return sum(chosen) // len(chosen) if chosen else FULL


def harmonic(a: int, b: int) -> int:
    return 2 * a * b // (a + b) if a + b else 0


def pair_score(migrant: MigrantRecord, request: SponsorRecord) -> int:
    """The reciprocal score, 0..1000: the harmonic mean of the sponsor's and the migrant's."""
    points, shared = criterion_points(migrant, request), shared_criteria(migrant, request)
    sponsor = side_score(points, request.preferences, shared)
    return harmonic(sponsor, side_score(points, migrant.preferences, shared))


def listed(score: int) -> bool:
    """Whether a pair that may meet appears in a search's results: only when its score is above
    0. A score of 0 means that one side's mean is 0 (none of the soft criteria it opted into gives
    the pair a point): the pair is listed in neither direction. The kernels do the same."""
    return score > 0


class Facts(NamedTuple):
    """What the reasons of a pair that may meet read of the migrant, against the request: from
    his record (`facts`) or straight from the index's columns (`CandidateIndex.facts_at`)."""

    levels: Mapping[str, str]  # his level in each required language
    years: Mapping[str, int]  # his years in each required sector
    counted: frozenset[str]  # the soft criteria both opted into
    languages: frozenset[str]  # extra_languages
    heritage: frozenset[str]  # shared
    religion: str | None  # shared, else None
    interests: frozenset[str]  # shared
    more_years: int  # extra_years
    pay_expectation: int
    housing_need: str


def facts(migrant: MigrantRecord, request: SponsorRecord) -> Facts:
    shared_religion = migrant.religion and migrant.religion == request.religion
    return Facts(
        levels={code: migrant.languages[code] for code in request.languages_required},
        years={code: migrant.sectors[code] for code in request.sectors_required},
        counted=shared_criteria(migrant, request),
        languages=extra_languages(migrant, request),
        heritage=migrant.heritage & request.heritage,
        religion=migrant.religion if shared_religion else None,
        interests=migrant.interests & request.interests,
        more_years=extra_years(migrant, request),
        pay_expectation=migrant.pay_expectation,
        housing_need=migrant.housing_need,
    )


def reasons(
    migrant: MigrantRecord, request: SponsorRecord, vocabularies: Vocabularies
) -> list[MatchReason]:
    """Why this pair was proposed: the criteria met, then the soft ones that count."""
    return reasons_of(facts(migrant, request), request, vocabularies)


def reasons_of(f: Facts, request: SponsorRecord, v: Vocabularies) -> list[MatchReason]:
    """`reasons`, from the pair's facts."""
    found = [
        MatchReason(Why.SPEAKS, code, v.languages.label(code), level=level)
        for code, level in f.levels.items()
    ]
    found += [
        MatchReason(Why.YEARS_IN, code, v.sectors.label(code), number=years)
        for code, years in f.years.items()
    ]
    if request.clean_record:
        found.append(MatchReason(Why.CLEAN_RECORD))
    if request.health_clearance:
        found.append(MatchReason(Why.HEALTH_CLEARANCE))
    for criterion in SOFT_CRITERIA:
        if criterion in f.counted:
            found += _soft_reasons(criterion, f, request, v)
    return found


def _soft_reasons(
    criterion: str, f: Facts, request: SponsorRecord, v: Vocabularies
) -> list[MatchReason]:
    if criterion == SoftCriterion.LANGUAGES:
        return [MatchReason(Why.BOTH_SPEAK, c, v.languages.label(c)) for c in sorted(f.languages)]
    if criterion == SoftCriterion.HERITAGE:
        return [MatchReason(Why.HERITAGE, c, v.heritage.label(c)) for c in sorted(f.heritage)]
    if criterion == SoftCriterion.RELIGION and f.religion:
        return [MatchReason(Why.RELIGION, f.religion, v.religions.label(f.religion))]
    if criterion == SoftCriterion.INTERESTS:
        return [MatchReason(Why.INTEREST, c, v.interests.label(c)) for c in sorted(f.interests)]
    if criterion == SoftCriterion.EXPERIENCE and f.more_years > 0:
        return [MatchReason(Why.MORE_EXPERIENCE, number=f.more_years)]
    if criterion == SoftCriterion.PAY and f.pay_expectation > 0:
        if request.annual_pay >= f.pay_expectation:
            return [MatchReason(Why.PAY_MEETS)]
        share = request.annual_pay * 100 // f.pay_expectation
        return [MatchReason(Why.PAY_SHARE, number=share)]
    if criterion == SoftCriterion.HOUSING:
        met = HOUSING_LEVELS.index(request.housing) >= HOUSING_LEVELS.index(f.housing_need)
        why = Why.HOUSING_MEETS if met else Why.HOUSING_SHORT
        return [MatchReason(why, f.housing_need, f.housing_need.replace("_", " "))]
    return []

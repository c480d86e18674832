"""A request's candidates: its criteria compiled to the kernel's arrays, then ranked."""

from __future__ import annotations

from datetime import date

import numpy as np

from vip.calendar import birth_window
from vip.matching.arrays import Int64Array, UInt64Array
from vip.matching.ranking import kernels
from vip.matching.ranking.index import (
    CLEAN,
    HEALTH,
    HOLDS_VISA,
    SIGNED_AGREEMENT,
    UNVERIFIED,
    WANTS_OTHER_ADULTS,
    CandidateIndex,
    criteria_bits,
    person_masks,
    year_floor,
)
from vip.matching.ranking.pairs import reasons_of
from vip.matching.ranking.ranked import Blocks, Ranked, ranked
from vip.matching.ranking.records import (
    DEFAULT_SAFEGUARDS,
    HOUSING_LEVELS,
    Safeguards,
    SponsorRecord,
    cefr_rank,
)
from vip.matching.ranking.vocabulary import JURISDICTION_SHIFT


def _needs(
    index: CandidateIndex, request: SponsorRecord, on: date, safeguards: Safeguards
) -> Int64Array | None:
    """The kernel's filter vector, or None when nobody can ever qualify."""
    v = index.vocabularies
    known = (
        all(code in v.languages for code in request.languages_required)
        and all(code in v.sectors for code in request.sectors_required)
        and request.jurisdiction in v.jurisdictions
    )
    if not (known and request.open and request.sectors_allowed()):
        return None
    must = 1 << (JURISDICTION_SHIFT + v.jurisdictions.number(request.jurisdiction))
    must |= CLEAN * request.clean_record | HEALTH * request.health_clearance
    must_not = HOLDS_VISA | SIGNED_AGREEMENT | UNVERIFIED  # only verified migrants are listed
    if request.household_adults < safeguards.min_adults_for_safeguarded:
        must_not |= WANTS_OTHER_ADULTS
    after, until = birth_window(on, request.age_min, request.age_max)
    need = [must, must_not, after, until, request.start_date.toordinal()]
    for code, level in request.languages_required.items():
        need += [v.languages.number(code), cefr_rank(level)]
    need.append(-1)
    for code, years in request.sectors_required.items():
        need += [v.sectors.number(code), year_floor(years)]
    return np.array(need, np.int64)


def _scoring(index: CandidateIndex, request: SponsorRecord) -> tuple[Int64Array, UInt64Array]:
    v = index.vocabularies
    scalars = [
        criteria_bits(request.preferences),
        request.annual_pay,
        HOUSING_LEVELS.index(request.housing),
    ]
    for code, years in request.sectors_required.items():
        scalars += [v.sectors.number(code), year_floor(years)]
    sets = person_masks(request, v)
    sets[0] &= ~v.languages.mask(request.languages_required)  # only languages beyond those
    return np.array(scalars, np.int64), np.array(sets, np.uint64)


def candidates(
    index: CandidateIndex,
    request: SponsorRecord,
    *,
    on: date,
    k: int = 20,
    blocks: Blocks | None = None,
    safeguards: Safeguards = DEFAULT_SAFEGUARDS,
) -> list[Ranked]:
    """The k migrants who fit the request best, best first (ties: lower id first), with reasons;
    a score of 0 is not listed."""
    need = _needs(index, request, on, safeguards)
    if need is None or k < 1 or len(index) == 0:
        return []
    scalars, sets = _scoring(index, request)
    excluded = (blocks or Blocks()).migrants_of(request.sponsor_id)
    col = index.store.whole
    rows, scores = kernels.rank_candidates(
        len(index),
        col("flags"),
        col("birth"),
        col("available"),
        col("levels"),
        col("years"),
        col("card"),
        need,
        scalars,
        sets,
        excluded,
        k,
    )
    return ranked(
        col("id"),
        rows,
        scores,
        lambda row: reasons_of(index.facts_at(row, request, sets), request, index.vocabularies),
    )

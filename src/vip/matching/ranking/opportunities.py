"""The opportunity index: open requests as packed columns, ranked for one migrant.

Columns (rows on the last axis): request id and sponsor id; flags (uint64: requires a clean
record, requires health, closed, then the request's jurisdiction bit); age min and max;
start date; household adults; up to four language and four sector requirement slots
(code, floor; code 255 is an empty slot); bitmasks of the sponsor's spoken languages,
heritage, religion, interests and of the required languages; preferences, pay, housing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from vip.calendar import age_on
from vip.matching.arrays import UInt8Array
from vip.matching.ranking import kernels
from vip.matching.ranking.columns import Column
from vip.matching.ranking.index import (
    criteria_bits,
    criteria_of,
    person_masks,
    year_floor,
)
from vip.matching.ranking.pairs import reasons
from vip.matching.ranking.ranked import Blocks, Ranked, ranked
from vip.matching.ranking.record_index import RecordIndex
from vip.matching.ranking.records import (
    CEFR_LEVELS,
    DEFAULT_SAFEGUARDS,
    HOUSING_LEVELS,
    MigrantRecord,
    Safeguards,
    SponsorRecord,
    cefr_rank,
)
from vip.matching.ranking.vocabulary import EMPTY, JURISDICTION_SHIFT, Vocabularies, Vocabulary

REQUIRES_CLEAN, REQUIRES_HEALTH, CLOSED = 1, 2, 4
SLOTS = 4


def _slots(
    wanted: dict[str, int], vocabulary: Vocabulary, what: str
) -> tuple[list[int], list[int]]:
    if len(wanted) > SLOTS:
        raise ValueError(f"a request may require at most {SLOTS} {what}")
    codes = [vocabulary.number(c) for c in wanted] + [EMPTY] * (SLOTS - len(wanted))
    return codes, [*wanted.values(), *[0] * (SLOTS - len(wanted))]


class OpportunityIndex(RecordIndex[SponsorRecord]):
    """Open requests of one jurisdiction's market, ready to be ranked for any migrant."""

    @staticmethod
    def schema(vocabularies: Vocabularies) -> dict[str, Column]:
        return {
            "sponsor": Column(np.int64),
            "flags": Column(np.uint64),
            "ages": Column(np.uint8, (2,)),
            "start": Column(np.int32),
            "household": Column(np.uint8),
            "language_codes": Column(np.uint8, (SLOTS,), EMPTY),
            "language_floors": Column(np.uint8, (SLOTS,)),
            "sector_codes": Column(np.uint8, (SLOTS,), EMPTY),
            "sector_floors": Column(np.uint8, (SLOTS,)),
            "sets": Column(np.uint64, (5,)),
            "prefs": Column(np.uint8),
            "pay": Column(np.int64),
            "housing": Column(np.uint8),
        }

    def encode(self, s: SponsorRecord) -> dict[str, Any]:
        v = self.vocabularies
        known = (
            all(c in v.languages for c in s.languages_required)
            and all(c in v.sectors for c in s.sectors_required)
            and s.jurisdiction in v.jurisdictions
        )
        closed = not (known and s.open and s.sectors_allowed())
        flags = REQUIRES_CLEAN * s.clean_record | REQUIRES_HEALTH * s.health_clearance
        flags |= CLOSED * closed
        if s.jurisdiction in v.jurisdictions:
            flags |= 1 << (JURISDICTION_SHIFT + v.jurisdictions.number(s.jurisdiction))
        languages = {c: cefr_rank(lvl) for c, lvl in s.languages_required.items()}
        sectors = {c: year_floor(y) for c, y in s.sectors_required.items()}
        language_codes, language_floors = _slots(
            languages if known else {}, v.languages, "languages"
        )
        sector_codes, sector_floors = _slots(sectors if known else {}, v.sectors, "sectors")
        sets = [*person_masks(s, v), v.languages.mask(s.languages_required)]
        return {
            "id": s.id,
            "sponsor": s.sponsor_id,
            "flags": flags,
            "ages": [min(max(s.age_min, 0), 255), min(max(s.age_max, 0), 255)],
            "start": s.start_date.toordinal(),
            "household": min(s.household_adults, 255),
            "language_codes": language_codes,
            "language_floors": language_floors,
            "sector_codes": sector_codes,
            "sector_floors": sector_floors,
            "sets": np.array(sets, np.uint64),
            "prefs": criteria_bits(s.preferences),
            "pay": s.annual_pay,
            "housing": HOUSING_LEVELS.index(s.housing),
        }

    def record_at(self, row: int) -> SponsorRecord:
        v = self.vocabularies
        r = self.store.row(row)
        flags = int(r["flags"])
        spoken, heritage, religion, interests, _ = r["sets"].tolist()
        religions = v.religions.codes_in(religion)
        languages = zip(r["language_codes"].tolist(), r["language_floors"].tolist(), strict=True)
        sectors = zip(r["sector_codes"].tolist(), r["sector_floors"].tolist(), strict=True)
        return SponsorRecord(
            id=int(r["id"]),
            sponsor_id=int(r["sponsor"]),
            jurisdiction=min(v.jurisdictions.codes_in(flags >> JURISDICTION_SHIFT), default=""),
            start_date=date.fromordinal(int(r["start"])),
            age_min=int(r["ages"][0]),
            age_max=int(r["ages"][1]),
            languages_required={
                v.languages.codes[c]: CEFR_LEVELS[f - 1] for c, f in languages if c != EMPTY
            },
            sectors_required={v.sectors.codes[c]: f - 1 for c, f in sectors if c != EMPTY},
            clean_record=bool(flags & REQUIRES_CLEAN),
            health_clearance=bool(flags & REQUIRES_HEALTH),
            household_adults=int(r["household"]),
            # The sponsor's own levels are not kept: B1 stands for "speaks it conversationally".
            languages=dict.fromkeys(sorted(v.languages.codes_in(spoken)), "B1"),
            interests=v.interests.codes_in(interests),
            heritage=v.heritage.codes_in(heritage),
            religion=min(religions) if religions else None,
            annual_pay=int(r["pay"]),
            housing=HOUSING_LEVELS[int(r["housing"])],
            preferences=criteria_of(int(r["prefs"])),
            open=not flags & CLOSED,
        )


def _lookup(held: dict[str, int], vocabulary: Vocabulary) -> UInt8Array:
    """The migrant's level (or years + 1) per code; the empty slot's code reads 255."""
    table = np.zeros(256, np.uint8)
    table[EMPTY] = 255
    for code, value in held.items():
        if code in vocabulary:
            table[vocabulary.number(code)] = value
    return table


def opportunities(
    index: OpportunityIndex,
    migrant: MigrantRecord,
    *,
    on: date,
    k: int = 20,
    blocks: Blocks | None = None,
    safeguards: Safeguards = DEFAULT_SAFEGUARDS,
) -> list[Ranked]:
    """The k open requests that fit the migrant best, best first (ties: lower id), with reasons;
    a score of 0 is not listed.
    A visa holder finds them too: moving to one of them is a transfer (rule 7)."""
    if not migrant.verified or migrant.signed_agreement:
        return []
    if k < 1 or len(index) == 0:
        return []
    v = index.vocabularies
    statuses = REQUIRES_CLEAN * migrant.clean_record | REQUIRES_HEALTH * migrant.health
    smallest = safeguards.min_adults_for_safeguarded if migrant.wants_other_adults else 0
    scalars = [
        v.jurisdictions.mask(migrant.jurisdictions),
        statuses,
        age_on(migrant.birth_date, on),
        migrant.available_from.toordinal(),
        smallest,
        criteria_bits(migrant.preferences),
        migrant.pay_expectation,
        HOUSING_LEVELS.index(migrant.housing_need),
    ]
    levels = _lookup({c: cefr_rank(lvl) for c, lvl in migrant.languages.items()}, v.languages)
    years = _lookup({c: year_floor(y) for c, y in migrant.sectors.items()}, v.sectors)
    sets = person_masks(migrant, v)
    excluded = (blocks or Blocks()).sponsors_of(migrant.id)
    col = index.store.whole
    rows, scores = kernels.rank_opportunities(
        len(index),
        col("id"),
        col("sponsor"),
        col("flags"),
        col("ages"),
        col("start"),
        col("household"),
        col("language_codes"),
        col("language_floors"),
        col("sector_codes"),
        col("sector_floors"),
        col("sets"),
        col("prefs"),
        col("pay"),
        col("housing"),
        np.array(scalars, np.int64),
        levels,
        years,
        np.array(sets, np.uint64),
        excluded,
        k,
    )
    return ranked(col("id"), rows, scores, lambda row: reasons(migrant, index.record_at(row), v))

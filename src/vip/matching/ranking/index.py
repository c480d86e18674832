"""The candidate index: migrants as packed columns, ranked for one sponsor's request.

Columns (rows on the last axis): id; flags (uint64: 8 status bits, then one bit per
jurisdiction the migrant accepts); birth and availability as day ordinals; CEFR level per
language (uint8 matrix, 0: not spoken) and years + 1 per sector (uint8 matrix, 0: none);
bitmasks of spoken languages (B1 and up), heritage, religion and interests; the soft criteria
he opted into; his pay expectation and housing need.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from vip.matching.arrays import Int64Array, UInt64Array
from vip.matching.ranking.columns import Column, ColumnStore
from vip.matching.ranking.pairs import Facts
from vip.matching.ranking.record_index import RecordIndex
from vip.matching.ranking.records import (
    CEFR_LEVELS,
    CONVERSATIONAL,
    HOUSING_LEVELS,
    SOFT_CRITERIA,
    MigrantRecord,
    SponsorRecord,
    cefr_rank,
)
from vip.matching.ranking.scoring import CRITERION_BIT, ID_BITS, ID_LIMIT
from vip.matching.ranking.vocabulary import JURISDICTION_SHIFT, Vocabularies

CLEAN, HEALTH, WANTS_OTHER_ADULTS, HOLDS_VISA, SIGNED_AGREEMENT, UNVERIFIED = (
    1 << b for b in range(6)
)
# What scoring reads of a row that passed the filter, in one 64-byte record: one cache miss
# per survivor instead of one per column.
CARD = np.dtype(
    {
        "names": ["id", "spoken", "heritage", "religion", "interests", "pay", "prefs", "housing"],
        "formats": ["i8", "u8", "u8", "u8", "u8", "i8", "u1", "u1"],
        "offsets": [0, 8, 16, 24, 32, 40, 48, 49],
        "itemsize": 64,
    }
)
MAX_YEARS = 254


def person_masks(person: MigrantRecord | SponsorRecord, v: Vocabularies) -> list[int]:
    """The soft criteria's sets of one side as bitmasks: spoken (B1 and up), heritage, religion,
    interests."""
    floor = cefr_rank(CONVERSATIONAL)
    spoken = (code for code, level in person.languages.items() if cefr_rank(level) >= floor)
    return [
        v.languages.mask(spoken),
        v.heritage.mask(person.heritage),
        v.religions.mask([person.religion] if person.religion else []),
        v.interests.mask(person.interests),
    ]


def year_floor(years: int) -> int:
    """A minimum of years as stored (years + 1, one byte): no wrap-around past the cap."""
    return min(max(years, 0), MAX_YEARS) + 1


def criteria_bits(opted: Iterable[str]) -> int:
    return sum(bit for c, bit in CRITERION_BIT.items() if c in opted)


def criteria_of(bits: int) -> frozenset[str]:
    return frozenset(c for c, bit in CRITERION_BIT.items() if bits & bit)


class CandidateIndex(RecordIndex[MigrantRecord]):
    """Migrants of one jurisdiction's market, ready to be ranked for any request."""

    @staticmethod
    def schema(v: Vocabularies) -> dict[str, Column]:
        return {
            "flags": Column(np.uint64),
            "birth": Column(np.int32),
            "available": Column(np.int32),
            "levels": Column(np.uint8, (len(v.languages.codes),)),
            "years": Column(np.uint8, (len(v.sectors.codes),)),
            "card": Column(CARD),
        }

    def encode(self, m: MigrantRecord) -> dict[str, Any]:
        v = self.vocabularies
        levels = np.zeros(len(v.languages.codes), np.uint8)
        for code, level in m.languages.items():
            if code in v.languages:
                levels[v.languages.number(code)] = cefr_rank(level)
        years = np.zeros(len(v.sectors.codes), np.uint8)
        for code, n in m.sectors.items():
            if code in v.sectors:
                years[v.sectors.number(code)] = year_floor(n)
        statuses = (
            CLEAN * m.clean_record
            | HEALTH * m.health
            | WANTS_OTHER_ADULTS * m.wants_other_adults
            | HOLDS_VISA * m.holds_visa
            | SIGNED_AGREEMENT * m.signed_agreement
            | UNVERIFIED * (not m.verified)
        )
        flags = statuses | v.jurisdictions.mask(m.jurisdictions) << JURISDICTION_SHIFT
        card = (
            m.id,
            *person_masks(m, v),
            max(m.pay_expectation, 0),
            criteria_bits(m.preferences),
            HOUSING_LEVELS.index(m.housing_need),
        )
        return {
            "id": m.id,
            "flags": flags,
            "birth": m.birth_date.toordinal(),
            "available": m.available_from.toordinal(),
            "levels": levels,
            "years": years,
            "card": card,
        }

    def record_at(self, row: int) -> MigrantRecord:
        v = self.vocabularies
        r = self.store.row(row)
        flags = int(r["flags"])
        card = r["card"]
        religions = v.religions.codes_in(int(card["religion"]))
        return MigrantRecord(
            id=int(r["id"]),
            birth_date=date.fromordinal(int(r["birth"])),
            available_from=date.fromordinal(int(r["available"])),
            languages={
                v.languages.codes[c]: CEFR_LEVELS[level - 1]
                for c, level in enumerate(r["levels"].tolist())
                if level
            },
            sectors={
                v.sectors.codes[c]: years - 1
                for c, years in enumerate(r["years"].tolist())
                if years
            },
            clean_record=bool(flags & CLEAN),
            health=bool(flags & HEALTH),
            jurisdictions=v.jurisdictions.codes_in(flags >> JURISDICTION_SHIFT),
            interests=v.interests.codes_in(int(card["interests"])),
            heritage=v.heritage.codes_in(int(card["heritage"])),
            religion=min(religions) if religions else None,
            wants_other_adults=bool(flags & WANTS_OTHER_ADULTS),
            holds_visa=bool(flags & HOLDS_VISA),
            signed_agreement=bool(flags & SIGNED_AGREEMENT),
            verified=not flags & UNVERIFIED,
            pay_expectation=int(card["pay"]),
            housing_need=HOUSING_LEVELS[int(card["housing"])],
            preferences=criteria_of(int(card["prefs"])),
        )

    def facts_at(self, row: int, request: SponsorRecord, sets: UInt64Array) -> Facts:
        """`pairs.facts` of a row that passed the request's filter, read from the columns: no
        record rebuilt (for the k results, that was a third of a 1M request). `sets` are the
        request's as the kernel scores them (`candidates._scoring`)."""
        v = self.vocabularies
        whole = self.store.whole
        _, spoken, heritage, religion, interests, pay, prefs, housing = whole("card")[row].item()
        levels, years = whole("levels"), whole("years")
        religions = v.religions.codes_in(religion)
        own = min(religions) if religions else None
        required = {c: years.item(v.sectors.number(c), row) - 1 for c in request.sectors_required}
        return Facts(
            levels={
                c: CEFR_LEVELS[levels.item(v.languages.number(c), row) - 1]
                for c in request.languages_required
            },
            years=required,
            counted=request.preferences & criteria_of(prefs),
            languages=v.languages.codes_in(spoken & int(sets[0])),
            heritage=v.heritage.codes_in(heritage & int(sets[1])),
            religion=own if own and own == request.religion else None,
            interests=v.interests.codes_in(interests & int(sets[3])),
            more_years=sum(required[c] - y for c, y in request.sectors_required.items()),
            pay_expectation=pay,
            housing_need=HOUSING_LEVELS[housing],
        )


class Entries(NamedTuple):
    """A many-valued field of many migrants, one entry a line: his row, the code's number in the
    vocabulary (codes outside it left out) and the entry's value (a level, years; else 0)."""

    rows: Int64Array
    numbers: Int64Array
    values: Int64Array


def _masks(size: int, entries: Entries) -> UInt64Array:
    masks = np.zeros(size, np.uint64)
    np.bitwise_or.at(masks, entries.rows, np.uint64(1) << entries.numbers.astype(np.uint64))
    return masks


@dataclass(frozen=True)
class MigrantArrays:
    """Every migrant's candidate columns, rows in id order, before they are split by market:
    the card's pay is his expectation as stated, in `currencies[currency[row]]`."""

    columns: dict[str, npt.NDArray[Any]]
    currencies: tuple[str, ...]
    currency: Int64Array

    def __len__(self) -> int:
        return len(self.columns["id"])

    def accepts(self, jurisdiction: int) -> npt.NDArray[np.bool_]:
        """Who accepts the jurisdiction (its number in the vocabulary)."""
        bit = np.uint64(1 << (JURISDICTION_SHIFT + jurisdiction))
        accepted: npt.NDArray[np.bool_] = (self.columns["flags"] & bit) != 0
        return accepted

    def market(
        self, vocabularies: Vocabularies, rows: npt.NDArray[np.bool_], pay: Int64Array
    ) -> CandidateIndex:
        """The index of one market: the rows it ranks, with the pay expectations in its currency."""
        columns = {name: array[..., rows] for name, array in self.columns.items()}
        columns["card"]["pay"] = pay[rows]
        store = ColumnStore.from_arrays(CandidateIndex.schema(vocabularies), columns)
        return CandidateIndex(vocabularies, store)


def migrant_arrays(
    v: Vocabularies,
    *,
    ids: Int64Array,
    birth: Int64Array,
    available: Int64Array,
    statuses: dict[int, npt.NDArray[np.bool_]],
    languages: Entries,
    sectors: Entries,
    interests: Entries,
    heritage: Entries,
    religion: Int64Array,
    jurisdictions: Entries,
    anywhere: npt.NDArray[np.bool_],
    preferences: Entries,
    pay: Int64Array,
    housing: Int64Array,
    currencies: tuple[str, ...],
    currency: Int64Array,
) -> MigrantArrays:
    """Whole columns at once, as `CandidateIndex.encode` makes one row: ids in ascending order;
    dates as day ordinals; `statuses` a bool column per status bit; `religion` a number or -1;
    `anywhere` who lists no jurisdiction; `preferences` numbered as SOFT_CRITERIA."""
    n = len(ids)
    if n and not (ids[0] >= 0 and ids[-1] < ID_LIMIT):
        raise ValueError(f"ids are outside 0..2^{ID_BITS}")
    flags = _masks(n, jurisdictions)
    flags[anywhere] = (1 << len(v.jurisdictions.codes)) - 1
    flags <<= np.uint64(JURISDICTION_SHIFT)
    for bit, where in statuses.items():
        flags[where] |= np.uint64(bit)
    levels = np.zeros((len(v.languages.codes), n), np.uint8)
    levels[languages.numbers, languages.rows] = languages.values
    years = np.zeros((len(v.sectors.codes), n), np.uint8)
    years[sectors.numbers, sectors.rows] = np.minimum(np.maximum(sectors.values, 0), MAX_YEARS) + 1
    spoken = languages.values >= cefr_rank(CONVERSATIONAL)
    card = np.zeros(n, CARD)
    card["id"] = ids
    card["spoken"] = _masks(n, Entries(*(a[spoken] for a in languages)))
    card["heritage"] = _masks(n, heritage)
    card["religion"] = np.where(
        religion >= 0, np.uint64(1) << np.maximum(religion, 0).astype(np.uint64), np.uint64(0)
    )
    card["interests"] = _masks(n, interests)
    card["pay"] = np.maximum(pay, 0)
    bits = np.array([CRITERION_BIT[c] for c in SOFT_CRITERIA], np.uint8)
    prefs = np.zeros(n, np.uint8)
    np.bitwise_or.at(prefs, preferences.rows, bits[preferences.numbers])
    card["prefs"] = prefs
    card["housing"] = housing
    columns: dict[str, npt.NDArray[Any]] = {
        "id": ids,
        "flags": flags,
        "birth": birth,
        "available": available,
        "levels": levels,
        "years": years,
        "card": card,
    }
    return MigrantArrays(columns, currencies, currency)

"""Vocabularies: the codes of an index's languages, sectors, interests... numbered for arrays."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from vip.matching.ranking.records import MigrantRecord, SponsorRecord

# Sets stored as uint64 bitmasks (interests, heritage, religion, spoken languages) hold 64
# codes; jurisdictions share the migrant's flag word above its 8 status bits (index.py), so 56.
MASK_LIMIT = 64
JURISDICTION_SHIFT = 8
JURISDICTION_LIMIT = MASK_LIMIT - JURISDICTION_SHIFT
# Languages and sectors number array columns; code 255 marks an empty slot.
CODE_LIMIT = 255
EMPTY = CODE_LIMIT


@dataclass(frozen=True)
class Vocabulary:
    """Codes in a fixed order, with the words shown to people ("en" -> "English")."""

    codes: tuple[str, ...]
    labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_numbers", {code: i for i, code in enumerate(self.codes)})

    def number(self, code: str) -> int:
        numbers: dict[str, int] = self.__dict__["_numbers"]
        if code not in numbers:
            raise ValueError(f"unknown code {code!r} (not in the index's vocabulary)")
        return numbers[code]

    def __contains__(self, code: object) -> bool:
        return code in self.__dict__["_numbers"]

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def mask(self, codes: Iterable[str]) -> int:
        """A bitmask of known codes (the vocabulary must fit one 64-bit word)."""
        bits = 0
        for code in codes:
            if code in self:
                bits |= 1 << self.number(code)
        return bits

    def codes_in(self, mask: int) -> frozenset[str]:
        codes = []
        while mask:
            low = mask & -mask
            codes.append(self.codes[low.bit_length() - 1])
            mask ^= low
        return frozenset(codes)


def _limited(vocabulary: Vocabulary, limit: int, what: str) -> Vocabulary:
    if len(vocabulary.codes) > limit:
        raise ValueError(f"at most {limit} {what}, got {len(vocabulary.codes)}")
    return vocabulary


@dataclass(frozen=True)
class Vocabularies:
    languages: Vocabulary
    sectors: Vocabulary
    interests: Vocabulary
    heritage: Vocabulary
    religions: Vocabulary
    jurisdictions: Vocabulary

    def __post_init__(self) -> None:
        _limited(self.languages, MASK_LIMIT, "languages")
        _limited(self.sectors, CODE_LIMIT, "sectors")
        _limited(self.interests, MASK_LIMIT, "interests")
        _limited(self.heritage, MASK_LIMIT, "heritage codes")
        _limited(self.religions, MASK_LIMIT, "religions")
        _limited(self.jurisdictions, JURISDICTION_LIMIT, "jurisdictions")


@dataclass
class Codes:
    """How many people name each code, by kind: the vocabularies keep the most frequent."""

    languages: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)
    interests: Counter[str] = field(default_factory=Counter)
    heritage: Counter[str] = field(default_factory=Counter)
    religions: Counter[str] = field(default_factory=Counter)

    def count(self, records: Iterable[MigrantRecord | SponsorRecord]) -> None:
        for r in records:
            if isinstance(r, MigrantRecord):
                self.languages.update(list(r.languages))
                self.sectors.update(list(r.sectors))
            else:
                self.languages.update([*r.languages, *r.languages_required])
                self.sectors.update(list(r.sectors_required))
            self.interests.update(r.interests)
            self.heritage.update(r.heritage)
            self.religions.update([r.religion] if r.religion else [])

    def vocabularies(self, jurisdictions: Iterable[str]) -> Vocabularies:
        """The most frequent codes of each kind, as many as an index holds."""
        return Vocabularies(
            languages=_most_frequent(self.languages, MASK_LIMIT),
            sectors=_most_frequent(self.sectors, CODE_LIMIT),
            interests=_most_frequent(self.interests, MASK_LIMIT),
            heritage=_most_frequent(self.heritage, MASK_LIMIT),
            religions=_most_frequent(self.religions, MASK_LIMIT),
            jurisdictions=Vocabulary(tuple(sorted(jurisdictions)[:JURISDICTION_LIMIT])),
        )


def _most_frequent(counts: Counter[str], limit: int) -> Vocabulary:
    """The most frequent codes first (ties: alphabetical), as many as the index holds."""
    ordered = sorted(counts, key=lambda code: (-counts[code], code))[:limit]
    return Vocabulary(tuple(sorted(ordered)))

"""Random markets with an explicit seed, for the property tests and the benchmarks."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from vip.matching.clearinghouse.instance import Preferences
from vip.matching.ranking.records import (
    CEFR_LEVELS,
    HOUSING_LEVELS,
    SOFT_CRITERIA,
    MigrantRecord,
    SponsorRecord,
)
from vip.matching.ranking.vocabulary import Vocabularies, Vocabulary


def random_preferences(
    seed: int,
    n_proposers: int,
    n_receivers: int,
    max_list: int,
    max_capacity: int = 3,
    mutual: bool = False,
) -> Preferences:
    """Incomplete lists of unequal length; `mutual` makes receivers rank exactly who ranked them.

    Otherwise each receiver ranks a random subset of all proposers, so some pairs are listed by
    one side only (not acceptable) — the case the contract's acceptability rule is about.
    """
    rng = np.random.default_rng(seed)
    proposer_ids = [f"p{i}" for i in range(n_proposers)]
    receiver_ids = [f"r{j}" for j in range(n_receivers)]
    proposers = {
        pid: [receiver_ids[j] for j in _random_list(rng, n_receivers, max_list)]
        for pid in proposer_ids
    }
    if mutual:
        suitors: dict[str, list[str]] = {rid: [] for rid in receiver_ids}
        for pid, prefs in proposers.items():
            for rid in prefs:
                suitors[rid].append(pid)
        receivers = {rid: [ps[i] for i in rng.permutation(len(ps))] for rid, ps in suitors.items()}
    else:
        receivers = {
            rid: [proposer_ids[i] for i in _random_list(rng, n_proposers, n_proposers)]
            for rid in receiver_ids
        }
    capacity = {rid: int(rng.integers(1, max_capacity + 1)) for rid in receiver_ids}
    return Preferences(proposers, receivers, capacity)


def _random_list(rng: np.random.Generator, n: int, max_len: int) -> list[int]:
    length = int(rng.integers(0, min(n, max_len) + 1))
    return [int(i) for i in rng.choice(n, size=length, replace=False)]


def _some(rng: np.random.Generator, codes: tuple[str, ...], most: int) -> list[str]:
    return [codes[i] for i in rng.permutation(len(codes))[: int(rng.integers(0, most + 1))]]


def _one_or_none(rng: np.random.Generator, codes: tuple[str, ...]) -> str | None:
    chosen = _some(rng, codes, 1)
    return chosen[0] if chosen else None


def random_migrant(
    rng: np.random.Generator, migrant_id: int, v: Vocabularies, on: date
) -> MigrantRecord:
    """A migrant from a small vocabulary, so that many pass a request and many tie."""
    return MigrantRecord(
        id=migrant_id,
        birth_date=on - timedelta(days=int(rng.integers(18 * 365, 45 * 365))),
        available_from=on + timedelta(days=int(rng.integers(-30, 90))),
        languages={c: CEFR_LEVELS[int(rng.integers(6))] for c in _some(rng, v.languages.codes, 3)},
        sectors={c: int(rng.integers(0, 9)) for c in _some(rng, v.sectors.codes, 2)},
        clean_record=bool(rng.random() < 0.9),
        health=bool(rng.random() < 0.9),
        jurisdictions=frozenset(_some(rng, v.jurisdictions.codes, 2) or v.jurisdictions.codes),
        interests=frozenset(_some(rng, v.interests.codes, 3)),
        heritage=frozenset(_some(rng, v.heritage.codes, 1)),
        religion=_one_or_none(rng, v.religions.codes),
        wants_other_adults=bool(rng.random() < 0.2),
        holds_visa=bool(rng.random() < 0.05),
        signed_agreement=bool(rng.random() < 0.05),
        pay_expectation=int(rng.integers(0, 5)) * 500_000,
        housing_need=HOUSING_LEVELS[int(rng.integers(len(HOUSING_LEVELS)))],
        preferences=frozenset(_some(rng, SOFT_CRITERIA, 4)),
    )


def random_request(
    rng: np.random.Generator, request_id: int, v: Vocabularies, on: date
) -> SponsorRecord:
    """A request with loose criteria over the same small vocabulary."""
    age_min = int(rng.integers(18, 35))
    return SponsorRecord(
        id=request_id,
        sponsor_id=int(rng.integers(0, 1000)),
        jurisdiction=v.jurisdictions.codes[int(rng.integers(len(v.jurisdictions.codes)))],
        start_date=on + timedelta(days=int(rng.integers(0, 60))),
        age_min=age_min,
        age_max=age_min + int(rng.integers(5, 30)),
        languages_required={
            c: CEFR_LEVELS[int(rng.integers(4))] for c in _some(rng, v.languages.codes, 1)
        },
        sectors_required={c: int(rng.integers(0, 4)) for c in _some(rng, v.sectors.codes, 1)},
        clean_record=bool(rng.random() < 0.5),
        health_clearance=bool(rng.random() < 0.5),
        allowed_sectors=None if rng.random() < 0.8 else frozenset(_some(rng, v.sectors.codes, 2)),
        household_adults=int(rng.integers(1, 4)),
        languages={c: CEFR_LEVELS[int(rng.integers(6))] for c in _some(rng, v.languages.codes, 3)},
        interests=frozenset(_some(rng, v.interests.codes, 3)),
        heritage=frozenset(_some(rng, v.heritage.codes, 2)),
        religion=_one_or_none(rng, v.religions.codes),
        annual_pay=int(rng.integers(0, 5)) * 500_000,
        housing=HOUSING_LEVELS[int(rng.integers(len(HOUSING_LEVELS)))],
        preferences=frozenset(_some(rng, SOFT_CRITERIA, 4)),
        open=bool(rng.random() < 0.95),
    )


SMALL_VOCABULARIES = Vocabularies(
    languages=Vocabulary(
        ("en", "ne", "hi", "es"), {"en": "English", "ne": "Nepali", "hi": "Hindi", "es": "Spanish"}
    ),
    sectors=Vocabulary(("construction", "care", "farming")),
    interests=Vocabulary(("football", "cricket", "cooking", "music")),
    heritage=Vocabulary(("NP", "IN", "MX")),
    religions=Vocabulary(("hindu", "buddhist", "christian")),
    jurisdictions=Vocabulary(("US", "CA")),
)

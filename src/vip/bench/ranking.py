"""Benchmarks of the ranking: top 20 over 1M and 10M synthetic profiles; incremental updates."""

from __future__ import annotations

import statistics
from datetime import date, timedelta
from functools import partial

import numpy as np

from vip.bench.matching import Figure, clock
from vip.bench.synthetic import random_migrant
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.columns import ColumnStore
from vip.matching.ranking.index import CARD, CandidateIndex
from vip.matching.ranking.records import CEFR_LEVELS, SOFT_CRITERIA, SponsorRecord
from vip.matching.ranking.vocabulary import JURISDICTION_SHIFT, Vocabularies, Vocabulary

ON = date(2026, 11, 22)
SEED = 20261122
QUERIES = 60
ROUNDS = 5  # medians over QUERIES x ROUNDS timings, each request beside its baseline
VOCABULARIES = Vocabularies(
    languages=Vocabulary(tuple(f"l{i}" for i in range(32))),
    sectors=Vocabulary(tuple(f"s{i}" for i in range(24))),
    interests=Vocabulary(tuple(f"i{i}" for i in range(64))),
    heritage=Vocabulary(tuple(f"h{i}" for i in range(64))),
    religions=Vocabulary(tuple(f"r{i}" for i in range(8))),
    jurisdictions=Vocabulary(tuple(f"j{i}" for i in range(8))),
)


def _skewed(rng: np.random.Generator, n: int, size: int) -> np.ndarray:
    """Codes where the first ones are the most common (English before Nepali)."""
    return np.minimum((size * rng.random(n) ** 2).astype(np.int64), size - 1)


def _cards(rng: np.random.Generator, n: int, spoken: np.ndarray) -> np.ndarray:
    cards = np.zeros(n, CARD)
    cards["id"] = np.arange(n)
    cards["spoken"] = spoken
    cards["heritage"] = np.uint64(1) << rng.integers(0, 64, n).astype(np.uint64)
    cards["religion"] = np.uint64(1) << rng.integers(0, 8, n).astype(np.uint64)
    for _ in range(3):
        cards["interests"] |= np.uint64(1) << rng.integers(0, 64, n).astype(np.uint64)
    cards["pay"] = rng.integers(0, 40, n) * 100_000
    cards["prefs"] = rng.integers(0, 128, n)
    cards["housing"] = rng.integers(0, 4, n)
    return cards


def synthetic_index(n: int, seed: int) -> CandidateIndex:
    """n migrant profiles as columns, drawn straight into arrays (no records, no database)."""
    rng = np.random.default_rng(seed)
    rows = np.arange(n)
    levels = np.zeros((32, n), np.uint8)
    years = np.zeros((24, n), np.uint8)
    for _ in range(3):
        levels[_skewed(rng, n, 32), rows] = rng.integers(1, 7, n)
    for _ in range(2):
        years[_skewed(rng, n, 24), rows] = rng.integers(1, 16, n)
    spoken = np.zeros(n, np.uint64)
    for code in range(32):
        spoken |= (levels[code] >= 3).astype(np.uint64) << np.uint64(code)
    statuses = sum(
        (rng.random(n) < share).astype(np.uint64) << np.uint64(bit)
        for bit, share in enumerate((0.85, 0.85, 0.1, 0.02, 0.01))
    )
    jurisdictions = (rng.integers(1, 256, n).astype(np.uint64)) << np.uint64(JURISDICTION_SHIFT)
    today = ON.toordinal()
    arrays = {
        "id": rows.astype(np.int64),
        "flags": statuses | jurisdictions,
        "birth": today - rng.integers(18 * 365, 60 * 365, n),
        "available": today + rng.integers(-60, 180, n),
        "levels": levels,
        "years": years,
        "card": _cards(rng, n, spoken),
    }
    store = ColumnStore.from_arrays(CandidateIndex.schema(VOCABULARIES), arrays)
    return CandidateIndex(VOCABULARIES, store)


def random_requests(count: int, seed: int) -> list[SponsorRecord]:
    rng = np.random.default_rng(seed)
    requests = []
    for i in range(count):
        age_min = int(rng.integers(18, 30))
        requests.append(
            SponsorRecord(
                id=i,
                sponsor_id=i,
                jurisdiction=f"j{rng.integers(8)}",
                start_date=ON + timedelta(90),
                age_min=age_min,
                age_max=age_min + int(rng.integers(8, 20)),
                languages_required={f"l{rng.integers(6)}": CEFR_LEVELS[int(rng.integers(2, 4))]},
                sectors_required={f"s{rng.integers(6)}": int(rng.integers(0, 3))},
                clean_record=True,
                health_clearance=True,
                household_adults=int(rng.integers(1, 3)),
                languages=dict.fromkeys((f"l{c}" for c in rng.integers(0, 12, 2)), "B2"),
                interests=frozenset(f"i{j}" for j in rng.integers(0, 64, 3)),
                heritage=frozenset({f"h{rng.integers(64)}"}),
                religion=f"r{rng.integers(8)}",
                annual_pay=int(rng.integers(10, 40)) * 100_000,
                housing="private_room",
                preferences=frozenset(c for c in SOFT_CRITERIA if rng.random() < 0.5),
            )
        )
    return requests


def _numpy_pass(index: CandidateIndex, request: SponsorRecord) -> float:
    """One plain numpy pass over the bytes the filter reads for this request."""
    v = index.vocabularies
    col = index.store.column
    columns = [col("flags"), col("birth"), col("available")]
    columns += [col("levels")[v.languages.number(c)] for c in request.languages_required]
    columns += [col("years")[v.sectors.number(c)] for c in request.sectors_required]
    return clock(lambda: [c.max() for c in columns])[0]


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def _latency_at(n: int) -> list[Figure]:
    index = synthetic_index(n, SEED)
    requests = random_requests(QUERIES, SEED)
    candidates(index, requests[0], on=ON, k=20)
    ours: list[float] = []
    base: list[float] = []
    for _ in range(ROUNDS):  # each request next to its baseline: both see the same load
        for r in requests:
            ours.append(clock(partial(candidates, index, r, on=ON, k=20))[0])
            base.append(_numpy_pass(index, r))
    size = f"{n} profiles, {QUERIES} requests x {ROUNDS}"
    return [
        Figure(
            "ranking top 20 (median)",
            size,
            statistics.median(ours),
            "numpy pass over the same columns (median)",
            statistics.median(base),
            "fused filter + score + top-k, reasons included",
        ),
        Figure(
            "ranking top 20 (p99)",
            size,
            _percentile(ours, 99),
            "numpy pass over the same columns (p99)",
            _percentile(base, 99),
        ),
    ]


def top_k_latency(quick: bool) -> list[Figure]:
    sizes = (200_000, 1_000_000) if quick else (1_000_000, 10_000_000)
    return [figure for n in sizes for figure in _latency_at(n)]


def incremental_update(quick: bool) -> list[Figure]:
    """One migrant's profile changes: upsert his row, against rebuilding the index."""
    n = 20_000 if quick else 100_000
    rng = np.random.default_rng(SEED)
    migrants = [random_migrant(rng, i, VOCABULARIES, ON) for i in range(n)]
    rebuild, index = clock(lambda: CandidateIndex.build(migrants, VOCABULARIES))
    changes = [random_migrant(rng, int(rng.integers(n)), VOCABULARIES, ON) for _ in range(1000)]
    upserts = [clock(partial(index.upsert, m))[0] for m in changes]
    return [
        Figure(
            "index upsert of one migrant (median)",
            f"index of {n}",
            statistics.median(upserts),
            "rebuilding the index from records",
            rebuild,
        )
    ]

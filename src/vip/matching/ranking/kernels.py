"""numba kernels of the ranking: the hard filter fused with the soft score and a top-k heap.

Points follow `pairs.py` exactly (integers 0..FULL, floor divisions, the caps and bits of
`scoring.py`), so the fast ranking and the brute force agree to the last digit. Results are
ordered by score, then by id ascending: both live in one int64 key, score above bit ID_BITS and
(ID_LIMIT - 1 - id) below, so one comparison decides and the order never depends on where a row
sits in the index. A pair whose score is 0 is never offered to the heap (`pairs.listed`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

from vip.matching.arrays import Int32Array, Int64Array, UInt8Array, UInt64Array
from vip.matching.ranking.scoring import (
    ALL_CRITERIA,
    EXPERIENCE_BIT,
    EXPERIENCE_CAP,
    FULL,
    HERITAGE_BIT,
    HOUSING_BIT,
    ID_BITS,
    ID_LIMIT,
    INTERESTS_BIT,
    INTERESTS_CAP,
    LANGUAGES_BIT,
    LANGUAGES_CAP,
    PAY_BIT,
    RELIGION_BIT,
)
from vip.matching.ranking.vocabulary import EMPTY, JURISDICTION_SHIFT

# Rows filtered per pass: long enough that each slice of a column streams (65536 measured about
# 5% faster than 4096 at 10M rows), short enough that `ok` stays in L2.
CHUNK = 1 << 16


@njit(cache=True, inline="always")
def popcount(x: np.uint64) -> int:
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return int((x * np.uint64(0x0101010101010101)) >> np.uint64(56))


@njit(cache=True, inline="always")
def side_score(
    opted: int,
    shared: int,
    languages: int,
    heritage: int,
    religion: int,
    interests: int,
    experience: int,
    pay: int,
    housing: int,
) -> int:
    """Mean points over the criteria this side opted into, a criterion's points counted only when
    both sides opted into it (`shared`), FULL when none (bits as SOFT_CRITERIA)."""
    opted_bits = np.int64(opted)  # row values arrive as uint8: keep all arithmetic in int64
    count = np.int64(popcount(np.uint64(opted_bits & ALL_CRITERIA)))
    bits = np.int64(shared) & opted_bits
    if count == 0:
        return FULL
    total = (
        (languages if bits & LANGUAGES_BIT else 0)
        + (heritage if bits & HERITAGE_BIT else 0)
        + (religion if bits & RELIGION_BIT else 0)
        + (interests if bits & INTERESTS_BIT else 0)
        + (experience if bits & EXPERIENCE_BIT else 0)
        + (pay if bits & PAY_BIT else 0)
        + (housing if bits & HOUSING_BIT else 0)
    )
    return int(total // count)


@njit(cache=True, inline="always")
def pair_score(
    sponsor_opted: int,
    migrant_opted: int,
    shared_languages: int,
    shared_heritage: bool,
    shared_religion: bool,
    shared_interests: int,
    more_years: int,
    pay: int,
    expectation: int,
    housing: int,
    need: int,
) -> int:
    """The harmonic mean of both sides' scores over the 7 criteria's points (pairs.pair_score)."""
    offered, expected = np.int64(pay), np.int64(expectation)
    languages = min(shared_languages, LANGUAGES_CAP) * FULL // LANGUAGES_CAP
    heritage = FULL if shared_heritage else 0
    religion = FULL if shared_religion else 0
    interests = min(shared_interests, INTERESTS_CAP) * FULL // INTERESTS_CAP
    experience = min(more_years, EXPERIENCE_CAP) * FULL // EXPERIENCE_CAP
    paid = FULL if expected <= 0 else min(FULL, int(offered * FULL // expected))
    housed = FULL if np.int64(housing) >= np.int64(need) else 0
    both = int(np.int64(sponsor_opted) & np.int64(migrant_opted))
    a = side_score(
        sponsor_opted, both, languages, heritage, religion, interests, experience, paid, housed
    )
    b = side_score(
        migrant_opted, both, languages, heritage, religion, interests, experience, paid, housed
    )
    return 2 * a * b // (a + b) if a + b else 0


@njit(cache=True, inline="always")
def offer(keys: Int64Array, rows: Int64Array, size: int, key: int, row: int) -> int:
    """Offer (key, row) to a min-heap of the best keys so far; returns the new size."""
    k = keys.shape[0]
    if size < k:
        i = size
        size += 1
    elif key > keys[0]:
        i = 0
        while True:  # sift the hole at the root down, then drop the new key into it
            child = 2 * i + 1
            if child >= k:
                break
            if child + 1 < k and keys[child + 1] < keys[child]:
                child += 1
            if keys[child] >= key:
                break
            keys[i] = keys[child]
            rows[i] = rows[child]
            i = child
        keys[i] = key
        rows[i] = row
        return size
    else:
        return size
    while i > 0:  # a new entry sifts up
        parent = (i - 1) // 2
        if keys[parent] <= key:
            break
        keys[i] = keys[parent]
        rows[i] = rows[parent]
        i = parent
    keys[i] = key
    rows[i] = row
    return size


@njit(cache=True)
def best_first(keys: Int64Array, rows: Int64Array, size: int) -> tuple[Int64Array, Int64Array]:
    """(rows, scores) of the heap, best first."""
    order = np.argsort(-keys[:size])
    return rows[:size][order], keys[:size][order] >> ID_BITS


@njit(cache=True, inline="always")
def is_excluded(excluded: Int64Array, person: int) -> bool:
    """Membership in a sorted array: blocked or reported people, checked only for survivors."""
    if excluded.shape[0] == 0:
        return False
    i = np.searchsorted(excluded, person)
    return bool(i < excluded.shape[0] and excluded[i] == person)


@njit(cache=True, inline="always")
def _filter_chunk(
    ok: UInt8Array,
    lo: int,
    m: int,
    flags: UInt64Array,
    birth: Int32Array,
    available: Int32Array,
    levels: UInt8Array,
    years: UInt8Array,
    need: Int64Array,
) -> None:
    """ok[:m] for rows lo..lo+m: branch-free passes over the packed filter columns of the chunk.

    Each pass reads the chunk's slice of a column from index 0: an index numba can prove is not
    negative carries no wrap-around test, so LLVM vectorizes the loop (with `ok[i - lo]` it did
    not, and the filter cost about six numpy passes over the same bytes).

    `need` holds must, must_not, birth_after, birth_until, start, then (code, min) pairs of
    languages and, after a -1, of sectors.
    """
    must = np.uint64(need[0])
    must_not = np.uint64(need[1])
    born_after = np.int32(need[2])
    born_until = np.int32(need[3])
    start = np.int32(need[4])
    hi = lo + m
    chunk_flags, chunk_birth, chunk_available = flags[lo:hi], birth[lo:hi], available[lo:hi]
    for i in range(m):
        f = chunk_flags[i]
        b = chunk_birth[i]
        ok[i] = (
            ((f & must) == must)
            & ((f & must_not) == 0)
            & (b > born_after)
            & (b <= born_until)
            & (chunk_available[i] <= start)
        )
    j = 5
    matrix = levels
    while j < need.shape[0]:
        if need[j] < 0:
            matrix = years
            j += 1
            continue
        column = matrix[need[j]][lo:hi]
        floor = np.uint8(need[j + 1])
        for i in range(m):
            ok[i] &= column[i] >= floor
        j += 2


@njit(cache=True)
def rank_candidates(
    n: int,
    flags: UInt64Array,
    birth: Int32Array,
    available: Int32Array,
    levels: UInt8Array,
    years: UInt8Array,
    cards: npt.NDArray[np.void],
    need: Int64Array,
    request: Int64Array,
    request_sets: UInt64Array,
    excluded: Int64Array,
    k: int,
) -> tuple[Int64Array, Int64Array]:
    """The k best of the first n migrants for one request: (rows, scores), best first; a score
    of 0 is not listed.

    `cards` holds what scoring reads of a row (index.CARD); `request_sets` the sponsor's
    spoken languages (less those required), heritage, religion and interests as bitmasks;
    `request` his preferences, pay, housing, then (code, min) of the required sectors.
    """
    keys = np.empty(k, np.int64)
    rows = np.empty(k, np.int64)
    # Survivors are rare: skip eight rejected rows at a time. Bytes past a short last chunk
    # may be stale, so a word's rows are bounded by the chunk again.
    ok = np.zeros(CHUNK, np.uint8)
    words = ok.view(np.uint64)
    size = 0
    for lo in range(0, n, CHUNK):
        m = min(n - lo, CHUNK)
        _filter_chunk(ok, lo, m, flags, birth, available, levels, years, need)
        for w in range((m + 7) // 8):
            if words[w] == 0:
                continue
            for i in range(8 * w, min(m, 8 * w + 8)):
                if ok[i]:
                    size = _score_row(
                        lo + i, cards, years, request, request_sets, excluded, keys, rows, size
                    )
    return best_first(keys, rows, size)


@njit(cache=True, inline="always")
def _score_row(
    i: int,
    cards: npt.NDArray[np.void],
    years: UInt8Array,
    request: Int64Array,
    request_sets: UInt64Array,
    excluded: Int64Array,
    keys: Int64Array,
    rows: Int64Array,
    size: int,
) -> int:
    """Score a row that passed the filter and offer it to the top-k heap unless its score is 0
    (not listed); returns the heap size."""
    card = cards[i]
    if is_excluded(excluded, card.id):
        return size
    more_years = 0
    for j in range(3, request.shape[0], 2):
        more_years += int(years[request[j], i]) - request[j + 1]
    score = pair_score(
        request[0],
        card.prefs,
        popcount(card.spoken & request_sets[0]),
        (card.heritage & request_sets[1]) != 0,
        (card.religion & request_sets[2]) != 0,
        popcount(card.interests & request_sets[3]),
        more_years,
        request[1],
        card.pay,
        request[2],
        card.housing,
    )
    if score == 0:
        return size
    return offer(keys, rows, size, score << ID_BITS | (ID_LIMIT - 1 - card.id), i)


@njit(cache=True)
def _meets_slots(codes: UInt8Array, floors: UInt8Array, r: int, held: UInt8Array) -> bool:
    """Every requirement slot of request r is met by the migrant's `held` levels (255: empty)."""
    for s in range(codes.shape[0]):  # noqa: SIM110 - numba compiles this loop, not all(genexpr)
        if held[codes[s, r]] < floors[s, r]:
            return False
    return True


@njit(cache=True)
def rank_opportunities(
    n: int,
    ids: Int64Array,
    sponsors: Int64Array,
    flags: UInt64Array,
    ages: UInt8Array,
    start: Int32Array,
    household: UInt8Array,
    language_codes: UInt8Array,
    language_floors: UInt8Array,
    sector_codes: UInt8Array,
    sector_floors: UInt8Array,
    sets: UInt64Array,
    prefs: UInt8Array,
    pay: Int64Array,
    housing: UInt8Array,
    migrant: Int64Array,
    levels: UInt8Array,
    years: UInt8Array,
    migrant_sets: UInt64Array,
    excluded: Int64Array,
    k: int,
) -> tuple[Int64Array, Int64Array]:
    """The k best of the first n open requests for one migrant: (rows, scores), best first; a
    score of 0 is not listed.

    `ages` is (2, n) min and max; `sets` is (5, n): spoken, heritage, religion, interests and
    the required languages; `migrant` holds jurisdictions, statuses, age, availability,
    smallest household he accepts, preferences, pay expectation, housing need; `levels` and
    `years` are his per-code lookups (index 255, the empty slot, is 255).
    """
    keys = np.empty(k, np.int64)
    rows = np.empty(k, np.int64)
    jurisdictions = np.uint64(migrant[0])
    lacking = ~np.uint64(migrant[1])
    size = 0
    for r in range(n):
        f = flags[r]
        if (
            (f & lacking & np.uint64((1 << JURISDICTION_SHIFT) - 1)) != 0
            or ((f >> np.uint64(JURISDICTION_SHIFT)) & jurisdictions) == 0
            or ages[0, r] > migrant[2]
            or ages[1, r] < migrant[2]
            or start[r] < migrant[3]
            or household[r] < migrant[4]
            or not _meets_slots(language_codes, language_floors, r, levels)
            or not _meets_slots(sector_codes, sector_floors, r, years)
            or is_excluded(excluded, sponsors[r])
        ):
            continue
        more_years = 0
        for s in range(sector_codes.shape[0]):
            if sector_codes[s, r] != EMPTY:
                more_years += int(years[sector_codes[s, r]]) - int(sector_floors[s, r])
        score = pair_score(
            prefs[r],
            migrant[5],
            popcount(sets[0, r] & migrant_sets[0] & ~sets[4, r]),
            (sets[1, r] & migrant_sets[1]) != 0,
            (sets[2, r] & migrant_sets[2]) != 0,
            popcount(sets[3, r] & migrant_sets[3]),
            more_years,
            pay[r],
            migrant[6],
            housing[r],
            migrant[7],
        )
        if score == 0:  # not listed (pairs.listed)
            continue
        size = offer(keys, rows, size, score << ID_BITS | (ID_LIMIT - 1 - ids[r]), r)
    return best_first(keys, rows, size)

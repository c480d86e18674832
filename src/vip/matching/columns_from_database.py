"""Every migrant's candidate columns read from the database in bulk, for the indexes' build.

A few queries whose every column is an integer or a date: one line per migrant for his scalar
fields, one line per entry of his languages, sectors, interests, heritage, jurisdictions and
soft criteria (the code numbered in SQL), one per verification in force. PostgreSQL packs each
query's rows into one bytea of binary rows that numpy reads in place; SQLite runs the same SQL
through the DB-API cursor. No Python object per migrant on PostgreSQL (`vip bench matching
--only database` times the build next to fetching the same rows). The records of
from_database.py read a few people for an incremental update; both give the same rows
(tests/matching/test_the_columnar_build_equals_the_record_build.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from django.db import connection

from vip.agreements.models import Agreement, AgreementStatus
from vip.matching.arrays import Int64Array
from vip.matching.from_database import ranking_level
from vip.matching.ranking.index import (
    CLEAN,
    HEALTH,
    HOLDS_VISA,
    SIGNED_AGREEMENT,
    UNVERIFIED,
    WANTS_OTHER_ADULTS,
    Entries,
    MigrantArrays,
    migrant_arrays,
)
from vip.matching.ranking.records import (
    HOUSING_LEVELS,
    SOFT_CRITERIA,
    Housing,
    Level,
    SponsorRecord,
    cefr_rank,
)
from vip.matching.ranking.vocabulary import Codes, Vocabularies, Vocabulary
from vip.people.models import (
    MigrantProfile,
    Role,
    User,
    Verification,
    VerificationKind,
    VerificationResult,
)
from vip.visas.models import LIVE, Visa

# A JSON array's length, and a JSON text (a parameter) as what `->>` reads.
LENGTH = {"postgresql": "jsonb_array_length({})", "sqlite": "json_array_length({})"}
JSON = {"postgresql": "CAST({} AS jsonb)", "sqlite": "{}"}
# A time as microseconds since 1970 (SQLite's day fraction: to about 10 us, then the id decides).
MICROSECONDS = {
    "postgresql": "CAST(EXTRACT(EPOCH FROM {}) * 1000000 AS BIGINT)",
    "sqlite": "CAST((julianday({}) - 2440587.5) * 86400000000 AS INTEGER)",
}
# PostgreSQL's binary form (its send functions): a bigint in 8 bytes, a date in 4 (days from
# 2000-01-01), big-endian.
SEND = {"i": "int8send", "n": "int4send", "d": "date_send"}
WIDTHS = {"i": 8, "n": 4, "d": 4}
PG_EPOCH = date(2000, 1, 1).toordinal()
UNIX_EPOCH = date(1970, 1, 1).toordinal()
# The status bits read from the latest verification of each kind.
VERIFIED_BITS = {
    VerificationKind.CRIMINAL_RECORD: CLEAN,
    VerificationKind.HEALTH: HEALTH,
    VerificationKind.IDENTITY: UNVERIFIED,
}


def _vendor(sql: dict[str, str], column: str) -> str:
    return sql[connection.vendor].format(column)


def _migrants(more_from: str = "", more_where: str = "") -> tuple[str, list[Any]]:
    """The migrants the ranking sees, as from_database.migrant_records reads them."""
    sql = (
        f"FROM {MigrantProfile._meta.db_table} p JOIN {User._meta.db_table} u ON u.id = p.user_id"
        f"{more_from} WHERE u.role = %s AND u.is_active = %s AND u.birth_date IS NOT NULL"
        f"{more_where}"
    )
    return sql, [Role.MIGRANT.value, True]


def _case(expression: str, numbers: dict[str, int], default: int) -> tuple[str, list[Any]]:
    """`expression` numbered: CASE WHEN ... (one branch per code; few codes)."""
    if not numbers:
        return f"CAST({default} AS BIGINT)", []
    branches = " ".join("WHEN %s THEN %s" for _ in numbers)
    params: list[Any] = [x for code, n in numbers.items() for x in (code, n)]
    return f"CAST(CASE {expression} {branches} ELSE {default} END AS BIGINT)", params


def _columns(sql: str, params: Sequence[Any], kinds: str) -> list[Int64Array]:
    """The query's columns as int64 arrays, rows in no set order; `kinds` has
    a letter per column: "i" a bigint, "n" an integer, "d" a date (returned as its day ordinal).
    No column may be NULL. PostgreSQL packs the rows into one bytea of fixed-width binary rows
    (its send functions, big-endian), so the client makes one object for the whole query."""
    names = [f"c{k}" for k in range(len(kinds))]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            packed = " || ".join(f"{SEND[kind]}({n})" for n, kind in zip(names, kinds, strict=True))
            cursor.execute(
                f"SELECT string_agg({packed}, ''::bytea), count(*)"
                f" FROM ({sql}) AS q({', '.join(names)})",
                params,
            )
            [(data, count)] = cursor.fetchall()
            return _unpacked(bytes(data or b""), count, kinds)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) or [() for _ in kinds]
    return [
        np.array(values, np.int64)
        if kind != "d"
        else np.array([str(d) for d in values], "datetime64[D]").astype(np.int64) + UNIX_EPOCH
        for values, kind in zip(columns, kinds, strict=True)
    ]


def _unpacked(data: bytes, count: int, kinds: str) -> list[Int64Array]:
    row = np.dtype([(f"c{k}", f">i{WIDTHS[kind]}") for k, kind in enumerate(kinds)])
    if len(data) != count * row.itemsize:  # string_agg skips a row with a NULL
        raise ValueError("a column of the query is NULL or not of its kind")
    rows = np.frombuffer(data, row, count=count)
    return [
        rows[f"c{k}"].astype(np.int64) + (PG_EPOCH if kind == "d" else 0)
        for k, kind in enumerate(kinds)
    ]


def _lookup(numbers: str, code: str) -> str:
    """The number of `code` in the JSON object `numbers` (a parameter), -1 when absent or blank
    (SQLite reads a blank key as a malformed path)."""
    return f"COALESCE(CAST({_vendor(JSON, numbers)} ->> NULLIF({code}, '') AS INTEGER), -1)"


@dataclass(frozen=True)
class Many:
    """A profile's JSON array: the SQL of its element {k}'s code and value (of `{a}`, the
    column), read from each slot up to the longest array, so that one row per profile (no set-
    returning function) carries every entry."""

    column: str
    code: str
    value: str = ""
    value_params: tuple[Any, ...] = ()

    def at(self, k: int) -> tuple[str, str]:
        a = f"p.{self.column}"
        return self.code.format(a=a, k=k), self.value.format(a=a, k=k)


def _many() -> list[Many]:
    ranks = {level.value: cefr_rank(ranking_level(level)) for level in Level}
    levels, level_params = _case("{a} -> {k} ->> 'level'", ranks, 0)
    return [
        Many("languages", "{a} -> {k} ->> 'code'", levels, tuple(level_params)),
        Many("sectors", "{a} -> {k} ->> 'code'", "CAST({a} -> {k} ->> 'years' AS INTEGER)"),
        Many("interests", "{a} ->> {k}"),
        Many("heritage", "{a} ->> {k}"),
        Many("jurisdictions", "{a} ->> {k}"),
        Many("soft_criteria", "{a} ->> {k}"),
    ]


def _slots(many: list[Many]) -> list[int]:
    """The longest array of each kind (of any profile)."""
    lengths = ", ".join(f"COALESCE(MAX({_vendor(LENGTH, 'p.' + m.column)}), 0)" for m in many)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {lengths} FROM {MigrantProfile._meta.db_table} p")
        [row] = cursor.fetchall()
    return [int(n) for n in row]


def _codes(many: list[Many], slots: list[int]) -> list[tuple[str, ...]]:
    """Every code each kind holds (of any profile; a migrant's country is one of his heritage)."""
    heritage = next(f for f, m in enumerate(many) if m.column == "heritage")
    parts = [
        f"SELECT {f} AS f, {m.at(k)[0]} AS c FROM {MigrantProfile._meta.db_table} p"
        for f, m in enumerate(many)
        for k in range(slots[f])
    ]
    parts.append(
        f"SELECT {heritage} AS f, lower(u.country) AS c FROM {User._meta.db_table} u"
        " WHERE u.role = %s AND u.country <> ''"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT f, c FROM ({' UNION ALL '.join(parts)}) AS s"
            " WHERE c IS NOT NULL AND c <> ''",
            [Role.MIGRANT.value],
        )
        found = cursor.fetchall()
    return [tuple(sorted(c for g, c in found if g == f)) for f in range(len(many))]


def _numbers(codes: tuple[str, ...]) -> str:
    return json.dumps({code: n for n, code in enumerate(codes)})


@dataclass(frozen=True)
class Field:
    """One kind of code of the migrants: each entry numbered among every code they use."""

    codes: tuple[str, ...]
    entries: Entries

    def counts(self) -> Counter[str]:
        """How many migrants name each code (once each)."""
        width = max(len(self.codes), 1)
        pairs = np.sort(self.entries.rows * width + self.entries.numbers)  # np.unique: slower
        first = np.ones(len(pairs), bool)
        first[1:] = pairs[1:] != pairs[:-1]
        counts = np.bincount(pairs[first] % width, minlength=len(self.codes))
        return Counter({code: int(n) for code, n in zip(self.codes, counts, strict=True) if n})

    def numbered(self, vocabulary: Vocabulary) -> Entries:
        """The entries renumbered in the vocabulary; codes outside it left out."""
        known = np.array(
            [vocabulary.number(c) if c in vocabulary else -1 for c in self.codes], np.int64
        )
        numbers = known[self.entries.numbers]
        keep = numbers >= 0
        return Entries(self.entries.rows[keep], numbers[keep], self.entries.values[keep])


def _slot_columns(
    many: list[Many], slots: list[int], codes: list[tuple[str, ...]]
) -> tuple[list[str], list[Any], str]:
    """The SQL, parameters and kinds of every slot's code number (and value)."""
    selected: list[str] = []
    params: list[Any] = []
    kinds = ""
    for m, n, known in zip(many, slots, codes, strict=True):
        for k in range(n):
            code, value = m.at(k)
            selected.append(_lookup("%s", code))
            params.append(_numbers(known))
            kinds += "n"
            if m.value:
                selected.append(f"CAST(COALESCE({value}, 0) AS INTEGER)")
                params += m.value_params
                kinds += "n"
    return selected, params, kinds


def _fields(
    many: list[Many], slots: list[int], codes: list[tuple[str, ...]], columns: list[Int64Array]
) -> list[Field]:
    """Every kind's entries, from the slots' columns (a row per migrant)."""
    size = len(columns[0]) if columns else 0
    rows = np.arange(size)
    fields, at = [], 0
    for m, n, known in zip(many, slots, codes, strict=True):
        numbers, values = [], []
        for _ in range(n):
            numbers.append(columns[at])
            values.append(columns[at + 1] if m.value else np.zeros(size, np.int64))
            at += 2 if m.value else 1
        number = np.concatenate([*numbers, np.zeros(0, np.int64)])
        keep = number >= 0
        entries = Entries(
            np.tile(rows, n)[keep], number[keep], np.concatenate([*values, number[:0]])[keep]
        )
        fields.append(Field(known, entries))
    return fields


def _ids(queryset: Any) -> Int64Array:
    sql, params = queryset.query.sql_with_params()
    [ids] = _columns(sql, params, "i")
    return ids


def _statuses(ids: Int64Array, wants_other_adults: Int64Array) -> dict[int, Any]:
    """Each status bit's rows: the latest verification of each kind (clear or not), a live visa,
    a signed agreement; identity unverified unless its latest is clear."""
    kinds = {kind.value: n for n, kind in enumerate(VERIFIED_BITS)}
    kind_sql, kind_params = _case("kind", kinds, -1)
    clear = "CAST(CASE WHEN result = %s THEN 1 ELSE 0 END AS BIGINT)"
    people, kind, is_clear, at, pk = _columns(
        f"SELECT CAST(person_id AS BIGINT), {kind_sql}, {clear},"
        f" {_vendor(MICROSECONDS, 'verified_at')}, CAST(id AS BIGINT)"
        f" FROM {Verification._meta.db_table} WHERE kind IN ({', '.join('%s' for _ in kinds)})",
        [*kind_params, VerificationResult.CLEAR.value, *kinds],
        "iiiii",
    )
    # The latest of each person's kinds is in force (sorted here: the database's sort of two
    # million rows took twice as long as reading them).
    order = np.lexsort((pk, at, kind, people))
    people, kind, is_clear = people[order], kind[order], is_clear[order]
    latest = np.ones(len(people), bool)
    latest[:-1] = (people[1:] != people[:-1]) | (kind[1:] != kind[:-1])
    people, kind, is_clear = people[latest], kind[latest], is_clear[latest]
    row = np.searchsorted(ids, people)
    known = row < len(ids)
    known[known] = ids[row[known]] == people[known]
    statuses: dict[int, Any] = {}
    for n, bit in enumerate(VERIFIED_BITS.values()):
        cleared = np.zeros(len(ids), bool)
        mine = known & (kind == n)
        cleared[row[mine]] = is_clear[mine] == 1
        statuses[bit] = ~cleared if bit == UNVERIFIED else cleared
    statuses[WANTS_OTHER_ADULTS] = wants_other_adults == 1
    visas = Visa.objects.filter(status__in=LIVE).values_list("migrant_id")
    signed = Agreement.objects.filter(status=AgreementStatus.SIGNED).values_list("migrant_id")
    statuses[HOLDS_VISA] = np.isin(ids, _ids(visas))
    statuses[SIGNED_AGREEMENT] = np.isin(ids, _ids(signed))
    return statuses


def _scalars(column: str) -> tuple[str, ...]:
    sql, params = _migrants(more_where=f" AND p.{column} IS NOT NULL AND p.{column} <> ''")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT p.{column} {sql}", params)
        return tuple(sorted(code for (code,) in cursor.fetchall()))


def migrants(
    requests: list[SponsorRecord], jurisdictions: list[str]
) -> tuple[Vocabularies, MigrantArrays]:
    """The vocabularies of the migrants and these requests, and every migrant's columns."""
    # A currency left blank is the market's own (""); a religion left blank, none (-1).
    currencies, religions = (*_scalars("home_currency"), ""), _scalars("religion")
    housing_sql, housing_params = _case(
        "p.housing_need",
        {h.value: n for n, h in enumerate(HOUSING_LEVELS)},
        HOUSING_LEVELS.index(Housing.NONE),
    )
    currency_sql, currency_params = _case(
        "p.home_currency", {c: n for n, c in enumerate(currencies[:-1])}, len(currencies) - 1
    )
    religion_sql, religion_params = _case("p.religion", {r: n for n, r in enumerate(religions)}, -1)
    many = _many()
    slots = _slots(many)
    known = _codes(many, slots)
    listed = _vendor(LENGTH, "p.jurisdictions")
    country = _lookup("%s", "lower(u.country)")
    sql, where = _migrants()
    slot_sql, slot_params, slot_kinds = _slot_columns(many, slots, known)
    unordered = _columns(
        f"SELECT CAST(u.id AS BIGINT), u.birth_date, COALESCE(p.available_from, '0001-01-01'),"
        " CAST(CASE WHEN p.wants_other_adults THEN 1 ELSE 0 END AS BIGINT),"
        " CAST(CASE WHEN p.pay_expectation > 0 THEN p.pay_expectation ELSE 0 END AS BIGINT),"
        f" {housing_sql}, {currency_sql}, {religion_sql},"
        f" CAST(CASE WHEN COALESCE({listed}, 0) = 0 THEN 1 ELSE 0 END AS BIGINT), {country}"
        f"{''.join(', ' + c for c in slot_sql)} {sql}",
        [
            *housing_params,
            *currency_params,
            *religion_params,
            _numbers(known[[m.column for m in many].index("heritage")]),
            *slot_params,
            *where,
        ],
        "iddiiiiiin" + slot_kinds,
    )
    by_id = np.argsort(unordered[0], kind="stable")  # sorted here: cheaper than in the database
    ids, birth, available, wants, pay, housing, currency, religion, anywhere, origin, *rest = (
        column[by_id] for column in unordered
    )
    languages, sectors, interests, heritage, accepted, preferences = _fields(
        many, slots, known, rest
    )
    born = origin >= 0  # his country of origin is one of his heritage codes
    heritage = Field(
        heritage.codes,
        Entries(
            *(
                np.concatenate([mine, theirs])
                for mine, theirs in zip(
                    heritage.entries,
                    (np.flatnonzero(born), origin[born], np.zeros(int(born.sum()), np.int64)),
                    strict=True,
                )
            )
        ),
    )
    codes = Codes(
        languages=languages.counts(),
        sectors=sectors.counts(),
        interests=interests.counts(),
        heritage=heritage.counts(),
        religions=Counter(
            {
                r: int(n)
                for r, n in zip(
                    religions,
                    np.bincount(religion[religion >= 0], minlength=len(religions)),
                    strict=True,
                )
                if n
            }
        ),
    )
    codes.count(requests)
    v = codes.vocabularies(jurisdictions)
    # Renumbered in the vocabulary; none (-1) reads the last, -1 again.
    in_vocabulary = np.array(
        [*(v.religions.number(r) if r in v.religions else -1 for r in religions), -1], np.int64
    )
    arrays = migrant_arrays(
        v,
        ids=ids,
        birth=birth,
        available=available,
        statuses=_statuses(ids, wants),
        languages=languages.numbered(v.languages),
        sectors=sectors.numbered(v.sectors),
        interests=interests.numbered(v.interests),
        heritage=heritage.numbered(v.heritage),
        religion=in_vocabulary[religion],
        jurisdictions=accepted.numbered(v.jurisdictions),
        anywhere=anywhere == 1,
        preferences=preferences.numbered(Vocabulary(tuple(c.value for c in SOFT_CRITERIA))),
        pay=pay,
        housing=housing,
        currencies=currencies,
        currency=currency,
    )
    return v, arrays

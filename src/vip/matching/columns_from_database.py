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

# A JSON array's elements as rows `e.value` (objects as JSON, strings as text), and its length.
ELEMENTS = {"postgresql": "jsonb_array_elements({}) AS e(value)", "sqlite": "json_each({}) AS e"}
TEXTS = {"postgresql": "jsonb_array_elements_text({}) AS e(value)", "sqlite": "json_each({}) AS e"}
LENGTH = {"postgresql": "jsonb_array_length({})", "sqlite": "json_array_length({})"}
# PostgreSQL's binary form (its send functions): a bigint in 8 bytes, a date in 4 (days from
# 2000-01-01), big-endian.
SEND = {"i": "int8send", "d": "date_send"}
WIDTHS = {"i": 8, "d": 4}
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


def _columns(
    sql: str, params: Sequence[Any], kinds: str, order: int | None = None
) -> list[Int64Array]:
    """The query's columns as int64 arrays, in the order of column `order` if given; `kinds` has
    a letter per column: "i" a bigint, "d" a date (returned as its day ordinal). No column may
    be NULL. PostgreSQL packs the rows into one bytea of fixed-width binary rows (its send
    functions, big-endian), so the client makes one object for the whole query."""
    names = [f"c{k}" for k in range(len(kinds))]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            packed = " || ".join(f"{SEND[kind]}({n})" for n, kind in zip(names, kinds, strict=True))
            by = "" if order is None else f" ORDER BY {names[order]}"
            cursor.execute(
                f"SELECT string_agg({packed}, ''::bytea{by}), count(*)"
                f" FROM ({sql}) AS q({', '.join(names)})",
                params,
            )
            [(data, count)] = cursor.fetchall()
            return _unpacked(bytes(data or b""), count, kinds)
        cursor.execute(sql if order is None else f"{sql} ORDER BY {order + 1}", params)
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) or [() for _ in kinds]
    return [
        np.array(values, np.int64)
        if kind == "i"
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


@dataclass(frozen=True)
class Source:
    """Where a many-valued field's entries come from: what to add to the migrants' FROM and
    WHERE, the entry's code and its value (a level, years) as SQL."""

    more_from: str
    code: str
    value: str = "0"
    value_params: tuple[Any, ...] = ()
    more_where: str = ""


def _distinct(sources: list[Source]) -> tuple[str, ...]:
    parts, params = [], []
    for s in sources:
        sql, where = _migrants(s.more_from, s.more_where)
        parts.append(f"SELECT DISTINCT {s.code} {sql}")
        params += where
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), params)
        return tuple(sorted(code for (code,) in cursor.fetchall() if code is not None))


def _entries(sources: list[Source], codes: tuple[str, ...], ids: Int64Array) -> Entries:
    """Every entry whose code is one of `codes`, numbered as there, its row in `ids`."""
    if not codes:
        return Entries(*(np.zeros(0, np.int64) for _ in range(3)))
    numbered = ", ".join("(%s, CAST(%s AS BIGINT))" for _ in codes)
    params: list[Any] = [x for n, code in enumerate(codes) for x in (code, n)]
    parts = []
    for s in sources:
        sql, where = _migrants(f"{s.more_from}, c", f"{s.more_where} AND c.code = {s.code}")
        parts.append(f"SELECT CAST(u.id AS BIGINT), c.n, CAST({s.value} AS BIGINT) {sql}")
        params += [*s.value_params, *where]
    query = f"WITH c(code, n) AS (VALUES {numbered}) " + " UNION ALL ".join(parts)
    people, numbers, values = _columns(query, params, "iii")
    return Entries(np.searchsorted(ids, people), numbers, values)


@dataclass(frozen=True)
class Field:
    """One kind of code of the migrants: each entry numbered among every code they use."""

    codes: tuple[str, ...]
    entries: Entries

    @classmethod
    def read(cls, sources: list[Source], ids: Int64Array) -> Field:
        codes = _distinct(sources)
        return cls(codes, _entries(sources, codes, ids))

    def counts(self) -> Counter[str]:
        """How many migrants name each code (once each)."""
        width = max(len(self.codes), 1)
        pairs = np.unique(self.entries.rows * width + self.entries.numbers)
        counts = np.bincount(pairs % width, minlength=len(self.codes))
        return Counter({code: int(n) for code, n in zip(self.codes, counts, strict=True) if n})

    def numbered(self, vocabulary: Vocabulary) -> Entries:
        """The entries renumbered in the vocabulary; codes outside it left out."""
        known = np.array(
            [vocabulary.number(c) if c in vocabulary else -1 for c in self.codes], np.int64
        )
        numbers = known[self.entries.numbers]
        keep = numbers >= 0
        return Entries(self.entries.rows[keep], numbers[keep], self.entries.values[keep])


def _levels() -> tuple[str, tuple[Any, ...]]:
    ranks = {level.value: cefr_rank(ranking_level(level)) for level in Level}
    sql, params = _case("e.value ->> 'level'", ranks, 0)
    return sql, tuple(params)


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
    # The latest of each person's kinds is in force.
    people, kind, is_clear = _columns(
        f"SELECT CAST(person_id AS BIGINT), {kind_sql}, {clear} FROM"
        " (SELECT person_id, kind, result, ROW_NUMBER() OVER"
        " (PARTITION BY person_id, kind ORDER BY verified_at DESC, id DESC) AS nth"
        f" FROM {Verification._meta.db_table} WHERE kind IN ({', '.join('%s' for _ in kinds)}))"
        " AS v WHERE nth = 1",
        [*kind_params, VerificationResult.CLEAR.value, *kinds],
        "iii",
    )
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
    listed = _vendor(LENGTH, "p.jurisdictions")
    sql, where = _migrants()
    ids, birth, available, wants, pay, housing, currency, religion, anywhere = _columns(
        f"SELECT CAST(u.id AS BIGINT), u.birth_date, COALESCE(p.available_from, '0001-01-01'),"
        " CAST(CASE WHEN p.wants_other_adults THEN 1 ELSE 0 END AS BIGINT),"
        " CAST(CASE WHEN p.pay_expectation > 0 THEN p.pay_expectation ELSE 0 END AS BIGINT),"
        f" {housing_sql}, {currency_sql}, {religion_sql},"
        f" CAST(CASE WHEN COALESCE({listed}, 0) = 0 THEN 1 ELSE 0 END AS BIGINT)"
        f" {sql}",
        [*housing_params, *currency_params, *religion_params, *where],
        "iddiiiiii",
        order=0,
    )
    languages = Field.read(
        [Source(", " + _vendor(ELEMENTS, "p.languages"), "e.value ->> 'code'", *_levels())], ids
    )
    sectors = Field.read(
        [
            Source(
                ", " + _vendor(ELEMENTS, "p.sectors"), "e.value ->> 'code'", "e.value ->> 'years'"
            )
        ],
        ids,
    )
    interests = Field.read([Source(", " + _vendor(TEXTS, "p.interests"), "e.value")], ids)
    heritage = Field.read(
        [
            Source(", " + _vendor(TEXTS, "p.heritage"), "e.value"),
            Source("", "lower(u.country)", more_where=" AND u.country <> ''"),
        ],
        ids,
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
        jurisdictions=_entries(
            [Source(", " + _vendor(TEXTS, "p.jurisdictions"), "e.value")],
            v.jurisdictions.codes,
            ids,
        ),
        anywhere=anywhere == 1,
        preferences=_entries(
            [Source(", " + _vendor(TEXTS, "p.soft_criteria"), "e.value")],
            tuple(c.value for c in SOFT_CRITERIA),
            ids,
        ),
        pay=pay,
        housing=housing,
        currencies=currencies,
        currency=currency,
    )
    return v, arrays

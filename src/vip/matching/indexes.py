"""The ranking's indexes on the database: one candidate and one opportunity index per jurisdiction.

The indexes are built from the database on first use after the process starts (the migrants
as whole columns, vip.matching.columns_from_database; the requests as records), then kept up to
date one record at a time (vip.matching.from_database): a service notes each change in the
feed (`note_changed`, `note_blocks`, `note_rebuild`: a `matching.IndexChange` row in its own
transaction); the process that made it applies it once it commits (`transaction.on_commit`, so an
index never sees a change that was rolled back), every other process before its next query.
The queries on them are vip.matching.selectors.candidates and .opportunities.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vip.clock import today
from vip.communities.models import Jurisdiction
from vip.errors import DomainError
from vip.matching import columns_from_database
from vip.matching.from_database import load_blocks, migrant_records, sponsor_records
from vip.matching.models import IndexChange
from vip.matching.ranking.index import CandidateIndex, MigrantArrays
from vip.matching.ranking.opportunities import OpportunityIndex
from vip.matching.ranking.ranked import Blocks
from vip.matching.ranking.records import Convert, MigrantRecord, SponsorRecord, priced_amount
from vip.matching.ranking.vocabulary import (
    CODE_LIMIT,
    MASK_LIMIT,
    Vocabularies,
)
from vip.money import Money
from vip.policy.rates import rate


def _grows(record: MigrantRecord | SponsorRecord, v: Vocabularies) -> bool:
    """The record has a code the vocabulary lacks and has room for: a rebuild numbers it. (A
    full vocabulary keeps its most frequent codes; the others are left out of the index.)"""
    sectors: Iterable[str]
    if isinstance(record, MigrantRecord):
        languages, sectors = list(record.languages), record.sectors
    else:
        languages, sectors = (
            [*record.languages, *record.languages_required],
            record.sectors_required,
        )
    groups = [
        (languages, v.languages, MASK_LIMIT),
        (sectors, v.sectors, CODE_LIMIT),
        (record.interests, v.interests, MASK_LIMIT),
        (record.heritage, v.heritage, MASK_LIMIT),
        ([record.religion] if record.religion else [], v.religions, MASK_LIMIT),
    ]
    return any(
        code not in vocabulary and len(vocabulary.codes) < limit
        for codes, vocabulary, limit in groups
        for code in codes
    )


@dataclass
class JurisdictionIndexes:
    """One jurisdiction: its migrants (those who accept it) and its sponsors' requests."""

    candidates: CandidateIndex
    opportunities: OpportunityIndex


def convert_today(amount: int, base: str, target: str) -> int:
    """Minor units of `base` in `target` at today's rate (EXCHANGE_RATE_UNKNOWN when none)."""
    return rate(base, target, today()).convert(Money(amount, base)).amount


class LiveIndexes:
    """The vocabularies, the indexes of each jurisdiction and the blocks, as of the last change.
    Each jurisdiction's index holds a migrant priced in its currency (his pay expectation
    converted at the rate of the day his row was written); one whose currency has no rate into
    it is not ranked there, for no offer could state his baseline."""

    def __init__(
        self,
        vocabularies: Vocabularies,
        blocks: Blocks,
        currencies: dict[str, str] | None = None,
        convert: Convert = convert_today,
    ) -> None:
        self.vocabularies = vocabularies
        self.blocks = blocks
        self.currencies = currencies or {}  # jurisdiction -> currency; none: no conversion
        self.convert = convert
        self.jurisdictions = {
            code: JurisdictionIndexes(CandidateIndex(vocabularies), OpportunityIndex(vocabularies))
            for code in vocabularies.jurisdictions.codes
        }
        self.request_jurisdiction: dict[int, str] = {}

    @staticmethod
    def _accepts(migrant: MigrantRecord, jurisdiction: str) -> bool:
        return not migrant.jurisdictions or jurisdiction in migrant.jurisdictions

    def as_indexed(self, migrant: MigrantRecord) -> MigrantRecord:
        """An empty list of jurisdictions means anywhere: the index stores each one's bit."""
        if migrant.jurisdictions:
            return migrant
        return replace(migrant, jurisdictions=frozenset(self.vocabularies.jurisdictions.codes))

    def price(self, amount: int, stated_in: str, jurisdiction: str) -> int | None:
        """An amount in the jurisdiction's currency; None when `stated_in` has no rate into it."""
        currency = self.currencies.get(jurisdiction)
        if currency is None:  # a market of unstated currency compares amounts as stated
            return amount
        try:
            return priced_amount(amount, stated_in, currency, self.convert)
        except DomainError:  # EXCHANGE_RATE_UNKNOWN
            return None

    def priced(self, migrant: MigrantRecord, jurisdiction: str) -> MigrantRecord | None:
        """The migrant as the jurisdiction's market ranks him, in its currency; None when his
        currency has no rate into it."""
        amount = self.price(migrant.pay_expectation, migrant.pay_currency, jurisdiction)
        if amount is None:
            return None
        return replace(migrant, pay_expectation=amount, pay_currency="")

    def put_migrant(self, migrant: MigrantRecord) -> None:
        """His row in each jurisdiction he accepts (encoded once per currency: they share the
        vocabularies)."""
        indexed = self.as_indexed(migrant)
        rows: dict[str, dict[str, Any]] = {}
        for code, indexes in self.jurisdictions.items():
            in_its_currency = self.priced(indexed, code) if self._accepts(migrant, code) else None
            if in_its_currency is None:
                indexes.candidates.remove(migrant.id)
                continue
            currency = self.currencies.get(code, "")
            if currency not in rows:
                rows[currency] = indexes.candidates.encode(in_its_currency)
            indexes.candidates.store.put(rows[currency])

    def put_migrants(self, migrants: MigrantArrays) -> None:
        """Every migrant at once into empty indexes: as put_migrant does for each, the pay of
        each distinct amount and currency converted once."""
        pay = migrants.columns["card"]["pay"]
        for code, indexes in self.jurisdictions.items():
            priced = pay.copy()
            known = np.ones(len(migrants), bool)
            for n, stated_in in enumerate(migrants.currencies):
                rows = migrants.currency == n
                amounts, at = np.unique(pay[rows], return_inverse=True)
                converted = [self.price(int(a), stated_in, code) for a in amounts.tolist()]
                ok = np.array([c is not None for c in converted], bool)
                priced[rows] = np.array([c or 0 for c in converted], np.int64)[at]
                known[rows] = ok[at]
            accepts = migrants.accepts(self.vocabularies.jurisdictions.number(code))
            indexes.candidates = migrants.market(self.vocabularies, accepts & known, priced)

    def remove_migrant(self, migrant_id: int) -> None:
        for indexes in self.jurisdictions.values():
            indexes.candidates.remove(migrant_id)

    def put_request(self, request: SponsorRecord) -> None:
        self.remove_request(request.id)
        indexes = self.jurisdictions.get(request.jurisdiction)
        if indexes is not None:
            indexes.opportunities.upsert(request)
            self.request_jurisdiction[request.id] = request.jurisdiction

    def remove_request(self, request_id: int) -> None:
        old = self.request_jurisdiction.pop(request_id, None)
        if old is not None and old in self.jurisdictions:
            self.jurisdictions[old].opportunities.remove(request_id)

    def grows(self, record: MigrantRecord | SponsorRecord) -> bool:
        return _grows(record, self.vocabularies)


def build() -> LiveIndexes:
    """Every index from the database in one pass: the migrants as whole columns."""
    requests = sponsor_records()
    currencies = dict(Jurisdiction.objects.values_list("code", "currency"))
    vocabularies, migrants = columns_from_database.migrants(requests, list(currencies))
    built = LiveIndexes(vocabularies, load_blocks(), currencies)
    built.put_migrants(migrants)
    for request in requests:
        built.put_request(request)
    return built


# A change whose transaction commits after later ones (PostgreSQL hands out ids at insert time)
# is still found if fewer than this many changes were committed after its id was given.
LATE_WINDOW = 256


@dataclass
class _Feed:
    """How far one process has followed the change feed: the keys (id, time: SQLite reuses the id
    of a rolled-back row) it has applied, and those its own open transactions wrote (never
    applied before they commit)."""

    seen: int = 0
    applied: deque[tuple[int, datetime]] = field(default_factory=lambda: deque(maxlen=4096))
    keys: set[tuple[int, datetime]] = field(default_factory=set)
    pending: set[tuple[int, datetime]] = field(default_factory=set)

    def mark(self, key: tuple[int, datetime]) -> bool:
        """True the first time the key is applied."""
        if key in self.keys:
            return False
        if len(self.applied) == self.applied.maxlen:
            self.keys.discard(self.applied[0])
        self.applied.append(key)
        self.keys.add(key)
        self.pending.discard(key)
        return True


_lock = threading.RLock()
_indexes: LiveIndexes | None = None
_feed = _Feed()


def current() -> LiveIndexes:
    """The process's indexes, built on first use, with every committed change applied."""
    global _indexes, _feed
    with _lock:
        if _indexes is None:
            # What the feed holds before the build is in the build: applied, not to redo.
            top = IndexChange.objects.aggregate(top=Max("pk"))["top"] or 0
            _feed = _Feed(seen=top, pending=_feed.pending)
            for key in IndexChange.objects.filter(pk__gt=top - LATE_WINDOW).values_list("pk", "at"):
                _feed.mark(key)
            _indexes = build()
        else:
            _catch_up()
        return _indexes or current()  # a change in the feed asked for a rebuild


def _catch_up() -> None:
    rows = IndexChange.objects.filter(pk__gt=_feed.seen - LATE_WINDOW).order_by("pk")
    for pk, kind, user_ids, at in rows.values_list("pk", "kind", "user_ids", "at"):
        _feed.seen = max(_feed.seen, pk)
        if (pk, at) not in _feed.pending:
            _apply((pk, at), kind, user_ids)


def _apply(key: tuple[int, datetime], kind: str, user_ids: list[int]) -> None:
    with _lock:
        if not _feed.mark(key):
            return
        if kind == IndexChange.Kind.PEOPLE:
            changed(*user_ids)
        elif kind == IndexChange.Kind.BLOCKS:
            blocks_changed()
        else:
            invalidate()


def invalidate() -> None:
    """Drop the indexes: the next query rebuilds them (a rule, a vocabulary or a bulk change)."""
    global _indexes
    with _lock:
        _indexes = None


def changed(*user_ids: int) -> None:
    """People changed (profile, verification, visa, agreement, request): re-read their records."""
    ids = sorted(set(user_ids))
    with _lock:
        live = _indexes
        if live is None or not ids:
            return
        migrants = {m.id: m for m in migrant_records(ids)}
        requests = sponsor_records(sponsors=ids)
        records: list[MigrantRecord | SponsorRecord] = [*migrants.values(), *requests]
        if any(live.grows(r) for r in records):
            invalidate()
            return
        for pk in ids:
            if pk in migrants:
                live.put_migrant(migrants[pk])
            else:
                live.remove_migrant(pk)
        for request in requests:
            live.put_request(request)


def blocks_changed() -> None:
    with _lock:
        if _indexes is not None:
            _indexes.blocks = load_blocks()


def _note(kind: IndexChange.Kind, user_ids: list[int]) -> None:
    """Called by a service inside its transaction: the change joins the feed with it (and is
    rolled back with it); this process applies it once the transaction commits, the others on
    their next query."""
    row = IndexChange.objects.create(kind=kind, user_ids=user_ids, at=timezone.now())
    key = (row.pk, row.at)
    _feed.pending.add(key)
    transaction.on_commit(lambda: _apply(key, kind, user_ids))


def note_changed(*user_ids: int) -> None:
    _note(IndexChange.Kind.PEOPLE, sorted(set(user_ids)))


def note_blocks() -> None:
    _note(IndexChange.Kind.BLOCKS, [])


def note_rebuild() -> None:
    _note(IndexChange.Kind.REBUILD, [])


@contextmanager
def in_use() -> Iterator[LiveIndexes]:
    """The process's indexes, held so that no change is applied while a query reads them."""
    with _lock:
        yield current()

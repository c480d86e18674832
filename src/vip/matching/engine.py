"""The matching engine on the database: one candidate and one opportunity index per jurisdiction.

The indexes are built from the database in one pass of bulk queries (profiles, the latest
verification of each kind, live visas, signed agreements, open requests, community rules) on
first use after the process starts, then kept up to date one record at a time: the services
call `changed` (or `blocks_changed`, `invalidate`) through `transaction.on_commit`, so an
index never sees a change that was rolled back. The kernels (index, candidates, opportunities)
know nothing of Django; this module turns rows into their records.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db import transaction

from vip.agreements.models import Agreement, AgreementStatus
from vip.clock import today
from vip.communities.models import CommunityRules, Jurisdiction
from vip.matching.models import SponsorshipRequest
from vip.matching.ranking.candidates import candidates as rank_candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.opportunities import OpportunityIndex
from vip.matching.ranking.opportunities import opportunities as rank_opportunities
from vip.matching.ranking.ranked import Blocks, Ranked
from vip.matching.ranking.records import (
    HOUSING_LEVELS,
    SOFT_CRITERIA,
    MigrantRecord,
    Safeguards,
    SponsorRecord,
)
from vip.matching.ranking.vocabulary import (
    CODE_LIMIT,
    JURISDICTION_LIMIT,
    MASK_LIMIT,
    Vocabularies,
    Vocabulary,
)
from vip.people.models import (
    Block,
    MigrantProfile,
    Role,
    SponsorProfile,
    Verification,
    VerificationKind,
)
from vip.policy.parameters import parameters
from vip.visas.models import LIVE, Complaint, Visa

# CEFR has no "native": for ranking a mother tongue is C2.
ENGINE_LEVEL = {"native": "C2"}
SENSITIVE = (VerificationKind.CRIMINAL_RECORD, VerificationKind.HEALTH)
# Until a request states its adults, the safeguard counts one (household_size counts children).
UNSTATED_ADULTS = 1


def engine_level(level: str) -> str:
    return ENGINE_LEVEL.get(level, level)


def _levels(entries: Iterable[Mapping[str, Any]], key: str) -> dict[str, str]:
    return {e["code"]: engine_level(e[key]) for e in entries}


def _criteria(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(c for c in values or () if c in SOFT_CRITERIA)


def _housing(value: str) -> str:
    return value if value in HOUSING_LEVELS else "none"


# ---------------------------------------------------------------------------------------------
# Records from the database: the same bulk queries for the whole market and for one person.


def _latest_clear(ids: list[int] | None) -> dict[tuple[int, str], bool]:
    rows = Verification.objects.filter(kind__in=SENSITIVE)
    if ids is not None:
        rows = rows.filter(person_id__in=ids)
    latest: dict[tuple[int, str], bool] = {}
    for person, kind, result in rows.order_by("person_id", "kind", "verified_at", "id").values_list(
        "person_id", "kind", "result"
    ):
        latest[person, kind] = result == "clear"
    return latest


def _committed(ids: list[int] | None, side: str) -> tuple[set[int], set[int]]:
    """People of one side holding a live visa, and those with a signed agreement."""
    visas = Visa.objects.filter(status__in=LIVE)
    signed = Agreement.objects.filter(status=AgreementStatus.SIGNED)
    if ids is not None:
        visas = visas.filter(**{f"{side}_id__in": ids})
        signed = signed.filter(**{f"{side}_id__in": ids})
    return (
        set(visas.values_list(f"{side}_id", flat=True)),
        set(signed.values_list(f"{side}_id", flat=True)),
    )


def migrant_records(ids: list[int] | None = None) -> list[MigrantRecord]:
    """Every active migrant with a birth date (or those of `ids`), as the engine sees him."""
    profiles = MigrantProfile.objects.filter(
        user__role=Role.MIGRANT, user__is_active=True, user__birth_date__isnull=False
    )
    if ids is not None:
        profiles = profiles.filter(user_id__in=ids)
    clear = _latest_clear(ids)
    visas, signed = _committed(ids, "migrant")
    records = []
    for p in (
        profiles.order_by("user_id")
        .values(
            "user_id",
            "user__birth_date",
            "user__country",
            "languages",
            "sectors",
            "interests",
            "available_from",
            "jurisdictions",
            "heritage",
            "religion",
            "wants_other_adults",
            "pay_expectation",
            "housing_need",
            "soft_criteria",
        )
        .iterator(chunk_size=10_000)
    ):  # a million rows are read once, not cached
        pk = p["user_id"]
        origin = {p["user__country"].lower()} if p["user__country"] else set()
        records.append(
            MigrantRecord(
                id=pk,
                birth_date=p["user__birth_date"] or date.min,  # never None: filtered
                available_from=p["available_from"] or date.min,
                languages=_levels(p["languages"], "level"),
                sectors={s["code"]: s["years"] for s in p["sectors"]},
                clean_record=clear.get((pk, VerificationKind.CRIMINAL_RECORD), False),
                health=clear.get((pk, VerificationKind.HEALTH), False),
                jurisdictions=frozenset(p["jurisdictions"]),  # empty: anywhere (see markets)
                interests=frozenset(p["interests"]),
                heritage=frozenset(p["heritage"]) | origin,
                religion=p["religion"] or None,
                wants_other_adults=p["wants_other_adults"],
                holds_visa=pk in visas,
                signed_agreement=pk in signed,
                pay_expectation=max(p["pay_expectation"], 0),
                housing_need=_housing(p["housing_need"]),
                preferences=_criteria(p["soft_criteria"]),
            )
        )
    return records


def _allowed_sectors(day: date) -> dict[int, frozenset[str] | None]:
    """Each community's rule in force: the sectors it allows (None: all)."""
    rules: dict[int, frozenset[str] | None] = {}
    for community, allowed, open_zone in (
        CommunityRules.objects.filter(effective_from__lte=day)
        .order_by("community_id", "effective_from", "id")
        .values_list("community_id", "allowed_sectors", "open_zone")
    ):
        rules[community] = None if open_zone or allowed is None else frozenset(allowed)
    return rules


def sponsor_records(
    ids: list[int] | None = None, sponsors: list[int] | None = None
) -> list[SponsorRecord]:
    """Requests of sponsors living in a community (all, those of `ids` or of `sponsors`)."""
    requests = SponsorshipRequest.objects.filter(
        sponsor__role=Role.SPONSOR, sponsor__community__isnull=False
    )
    if ids is not None:
        requests = requests.filter(pk__in=ids)
    if sponsors is not None:
        requests = requests.filter(sponsor_id__in=sponsors)
    rows = list(
        requests.order_by("pk").values(
            "pk",
            "sponsor_id",
            "sponsor__is_active",
            "sponsor__community_id",
            "sponsor__community__jurisdiction_id",
            "active",
            "languages",
            "sectors",
            "age_min",
            "age_max",
            "clean_record",
            "health_clearance",
            "start_date",
            "annual_pay",
            "housing",
            "soft_criteria",
        )
    )
    sponsor_ids = sorted({r["sponsor_id"] for r in rows})
    narrowed = sponsor_ids if ids is not None or sponsors is not None else None
    profiles: dict[int, dict[str, Any]] = {
        p["user_id"]: dict(p)
        for p in SponsorProfile.objects.filter(
            **({"user_id__in": narrowed} if narrowed is not None else {})
        ).values(
            "user_id", "languages", "interests", "heritage", "religion", "adults", "soft_criteria"
        )
    }
    visas, signed = _committed(narrowed, "sponsor")
    rules = _allowed_sectors(today())
    records = []
    for r in rows:
        p: dict[str, Any] = profiles.get(r["sponsor_id"], {})
        chosen = r["soft_criteria"] if r["soft_criteria"] is not None else p.get("soft_criteria")
        records.append(
            SponsorRecord(
                id=r["pk"],
                sponsor_id=r["sponsor_id"],
                jurisdiction=r["sponsor__community__jurisdiction_id"],
                start_date=r["start_date"] or date.max,
                age_min=r["age_min"] if r["age_min"] is not None else 0,
                age_max=r["age_max"] if r["age_max"] is not None else 200,
                languages_required=_levels(r["languages"], "min_level"),
                sectors_required={s["code"]: s["min_years"] for s in r["sectors"]},
                clean_record=r["clean_record"],
                health_clearance=r["health_clearance"],
                allowed_sectors=rules.get(r["sponsor__community_id"]),
                household_adults=p.get("adults") or UNSTATED_ADULTS,
                languages=_levels(p.get("languages", []), "level"),
                interests=frozenset(p.get("interests", [])),
                heritage=frozenset(p.get("heritage", [])),
                religion=p.get("religion") or None,
                annual_pay=max(r["annual_pay"], 0),
                housing=_housing(r["housing"]),
                preferences=_criteria(chosen),
                open=r["active"]
                and r["sponsor__is_active"]
                and r["sponsor_id"] not in visas
                and r["sponsor_id"] not in signed,
            )
        )
    return records


def load_blocks() -> Blocks:
    """Blocks either way, and complaints: who complained about a visa reported the other party."""
    blocks = Blocks()
    roles = dict(
        Block.objects.values_list("blocker_id", "blocker__role").distinct()
    )  # blocker -> role
    for blocker, blocked in Block.objects.values_list("blocker_id", "blocked_id"):
        pair = (blocker, blocked) if roles[blocker] == Role.SPONSOR else (blocked, blocker)
        blocks.block(*pair)
    for sponsor, migrant in Complaint.objects.values_list("visa__sponsor_id", "visa__migrant_id"):
        blocks.block(sponsor, migrant)
    return blocks


# ---------------------------------------------------------------------------------------------
# The engine: vocabularies, one market per jurisdiction, blocks.


def _vocabulary(counts: Counter[str], limit: int) -> Vocabulary:
    """The most frequent codes first (ties: alphabetical), as many as the index holds."""
    ordered = sorted(counts, key=lambda code: (-counts[code], code))[:limit]
    return Vocabulary(tuple(sorted(ordered)))


def vocabularies_of(
    migrants: list[MigrantRecord], requests: list[SponsorRecord], jurisdictions: list[str]
) -> Vocabularies:
    languages: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    interests: Counter[str] = Counter()
    heritage: Counter[str] = Counter()
    religions: Counter[str] = Counter()
    for m in migrants:
        languages.update(list(m.languages))
        sectors.update(list(m.sectors))
        interests.update(m.interests)
        heritage.update(m.heritage)
        religions.update([m.religion] if m.religion else [])
    for s in requests:
        languages.update([*s.languages, *s.languages_required])
        sectors.update(list(s.sectors_required))
        interests.update(s.interests)
        heritage.update(s.heritage)
        religions.update([s.religion] if s.religion else [])
    return Vocabularies(
        languages=_vocabulary(languages, MASK_LIMIT),
        sectors=_vocabulary(sectors, CODE_LIMIT),
        interests=_vocabulary(interests, MASK_LIMIT),
        heritage=_vocabulary(heritage, MASK_LIMIT),
        religions=_vocabulary(religions, MASK_LIMIT),
        jurisdictions=Vocabulary(tuple(sorted(jurisdictions)[:JURISDICTION_LIMIT])),
    )


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
class Market:
    """One jurisdiction: its migrants (those who accept it) and its sponsors' requests."""

    candidates: CandidateIndex
    opportunities: OpportunityIndex


class Engine:
    def __init__(self, vocabularies: Vocabularies, blocks: Blocks) -> None:
        self.vocabularies = vocabularies
        self.blocks = blocks
        self.markets = {
            code: Market(CandidateIndex(vocabularies), OpportunityIndex(vocabularies))
            for code in vocabularies.jurisdictions.codes
        }
        self.request_market: dict[int, str] = {}

    @staticmethod
    def _accepts(migrant: MigrantRecord, jurisdiction: str) -> bool:
        return not migrant.jurisdictions or jurisdiction in migrant.jurisdictions

    def as_indexed(self, migrant: MigrantRecord) -> MigrantRecord:
        """An empty list of jurisdictions means anywhere: the index stores each one's bit."""
        if migrant.jurisdictions:
            return migrant
        return replace(migrant, jurisdictions=frozenset(self.vocabularies.jurisdictions.codes))

    def put_migrant(self, migrant: MigrantRecord) -> None:
        """His row in each market he accepts (encoded once: the markets share vocabularies)."""
        indexed = self.as_indexed(migrant)
        row: dict[str, Any] | None = None
        for code, market in self.markets.items():
            if self._accepts(migrant, code):
                row = row or market.candidates.encode(indexed)
                market.candidates.store.put(row)
            else:
                market.candidates.remove(migrant.id)

    def remove_migrant(self, migrant_id: int) -> None:
        for market in self.markets.values():
            market.candidates.remove(migrant_id)

    def put_request(self, request: SponsorRecord) -> None:
        self.remove_request(request.id)
        market = self.markets.get(request.jurisdiction)
        if market is not None:
            market.opportunities.upsert(request)
            self.request_market[request.id] = request.jurisdiction

    def remove_request(self, request_id: int) -> None:
        old = self.request_market.pop(request_id, None)
        if old is not None and old in self.markets:
            self.markets[old].opportunities.remove(request_id)

    def grows(self, record: MigrantRecord | SponsorRecord) -> bool:
        return _grows(record, self.vocabularies)


def build() -> Engine:
    """The whole engine from the database in one pass."""
    migrants = migrant_records()
    requests = sponsor_records()
    jurisdictions = list(Jurisdiction.objects.values_list("code", flat=True))
    engine = Engine(vocabularies_of(migrants, requests, jurisdictions), load_blocks())
    for migrant in migrants:
        engine.put_migrant(migrant)
    for request in requests:
        engine.put_request(request)
    return engine


_lock = threading.RLock()
_engine: Engine | None = None


def current() -> Engine:
    """The process's engine, built on first use."""
    global _engine
    with _lock:
        if _engine is None:
            _engine = build()
        return _engine


def invalidate() -> None:
    """Drop the engine: the next query rebuilds it (a rule, a vocabulary or a bulk change)."""
    global _engine
    with _lock:
        _engine = None


def changed(*user_ids: int) -> None:
    """People changed (profile, verification, visa, agreement, request): re-read their records."""
    ids = sorted(set(user_ids))
    with _lock:
        engine = _engine
        if engine is None or not ids:
            return
        migrants = {m.id: m for m in migrant_records(ids)}
        requests = sponsor_records(sponsors=ids)
        records: list[MigrantRecord | SponsorRecord] = [*migrants.values(), *requests]
        if any(engine.grows(r) for r in records):
            invalidate()
            return
        for pk in ids:
            if pk in migrants:
                engine.put_migrant(migrants[pk])
            else:
                engine.remove_migrant(pk)
        for request in requests:
            engine.put_request(request)


def blocks_changed() -> None:
    with _lock:
        if _engine is not None:
            _engine.blocks = load_blocks()


def on_commit_changed(*user_ids: int) -> None:
    """Called by a service inside its transaction: the engine follows once it commits."""
    transaction.on_commit(lambda: changed(*user_ids))


def on_commit_blocks() -> None:
    transaction.on_commit(blocks_changed)


def on_commit_invalidate() -> None:
    transaction.on_commit(invalidate)


# ---------------------------------------------------------------------------------------------
# Queries.


def candidates(request_id: int, k: int) -> list[Ranked]:
    """The migrants who fit the request best, best first, with reasons."""
    found = sponsor_records(ids=[request_id])
    if not found:
        return []
    request = found[0]
    with _lock:
        engine = current()
        market = engine.markets.get(request.jurisdiction)
        if market is None:
            return []
        return rank_candidates(
            market.candidates,
            request,
            on=today(),
            k=k,
            blocks=engine.blocks,
            safeguards=safeguards(request.jurisdiction),
        )


def safeguards(jurisdiction: str) -> Safeguards:
    """The jurisdiction's safeguarding parameters in force today."""
    params = parameters(jurisdiction, today())
    return Safeguards(min_adults_for_safeguarded=params["safeguard.min_adults_for_other_adults"])


def opportunities(migrant_id: int, k: int) -> list[Ranked]:
    """The open requests that fit the migrant best, over the jurisdictions he accepts."""
    found = migrant_records([migrant_id])
    if not found:
        return []
    migrant = found[0]
    with _lock:
        engine = current()
        indexed = engine.as_indexed(migrant)
        ranked: list[Ranked] = [
            r
            for code in sorted(indexed.jurisdictions)
            if code in engine.markets
            for r in rank_opportunities(
                engine.markets[code].opportunities,
                indexed,
                on=today(),
                k=k,
                blocks=engine.blocks,
                safeguards=safeguards(code),
            )
        ]
    return sorted(ranked, key=lambda r: (-r.score, r.id))[:k]

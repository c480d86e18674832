"""The ranking's records read from the database: the people an update or a query names
(profiles, the latest verification of each kind, live visas, signed agreements), every open
request, community rules, blocks. The ranking (vip.matching.ranking) knows nothing of Django;
this module turns rows into its records. The build reads every migrant as whole columns
instead (columns_from_database.py), to the same rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from vip.agreements.models import Agreement, AgreementStatus
from vip.clock import today
from vip.communities.models import CommunityRules
from vip.matching.models import SponsorshipRequest
from vip.matching.ranking.ranked import Blocks
from vip.matching.ranking.records import (
    HOUSING_LEVELS,
    SOFT_CRITERIA,
    Housing,
    Level,
    MigrantRecord,
    SponsorRecord,
)
from vip.people.models import (
    SENSITIVE_VERIFICATIONS,
    Block,
    MigrantProfile,
    Role,
    SponsorProfile,
    Verification,
    VerificationKind,
    VerificationResult,
)
from vip.visas.models import LIVE, Complaint, Visa

# CEFR has no "native": for ranking a mother tongue is C2.
RANKING_LEVEL: dict[str, str] = {Level.NATIVE: Level.C2}
# Until a request states its adults, the safeguard counts one (household_size counts children).
UNSTATED_ADULTS = 1


def ranking_level(level: str) -> str:
    return RANKING_LEVEL.get(level, level)


def _levels(entries: Iterable[Mapping[str, Any]], key: str) -> dict[str, str]:
    return {e["code"]: ranking_level(e[key]) for e in entries}


def _criteria(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(c for c in values or () if c in SOFT_CRITERIA)


def _housing(value: str) -> str:
    return value if value in HOUSING_LEVELS else Housing.NONE


def _latest_clear(ids: list[int]) -> dict[tuple[int, str], bool]:
    rows = Verification.objects.filter(
        kind__in=[*SENSITIVE_VERIFICATIONS, VerificationKind.IDENTITY], person_id__in=ids
    )
    latest: dict[tuple[int, str], bool] = {}
    for person, kind, result in rows.order_by("person_id", "kind", "verified_at", "id").values_list(
        "person_id", "kind", "result"
    ):
        latest[person, kind] = result == VerificationResult.CLEAR
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


def migrant_records(ids: list[int]) -> list[MigrantRecord]:
    """Those of `ids` who are active migrants with a birth date, as the ranking sees them."""
    profiles = MigrantProfile.objects.filter(
        user__role=Role.MIGRANT,
        user__is_active=True,
        user__birth_date__isnull=False,
        user_id__in=ids,
    )
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
            "home_currency",
            "housing_need",
            "soft_criteria",
        )
        .iterator(chunk_size=10_000)
    ):  # however many are named, read once, not cached
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
                jurisdictions=frozenset(p["jurisdictions"]),  # empty: anywhere (see indexes.py)
                interests=frozenset(p["interests"]),
                heritage=frozenset(p["heritage"]) | origin,
                religion=p["religion"] or None,
                wants_other_adults=p["wants_other_adults"],
                holds_visa=pk in visas,
                signed_agreement=pk in signed,
                verified=clear.get((pk, VerificationKind.IDENTITY), False),
                pay_expectation=max(p["pay_expectation"], 0),
                pay_currency=p["home_currency"],  # stated in his own currency, as his earnings
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

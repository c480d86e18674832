"""Whether a migrant meets a sponsor's request, and how well: pure, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CEFR = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]


def level_rank(level: str) -> int:
    return CEFR.index(level) if level in CEFR else -1


@dataclass(frozen=True)
class MigrantFacts:
    id: int
    age: int | None
    languages: dict[str, str]  # code -> CEFR level
    sectors: dict[str, int]  # code -> years
    clean_record: bool
    health_clear: bool
    interests: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Criteria:
    languages: dict[str, str]  # code -> minimum level
    age_min: int | None
    age_max: int | None
    sectors: dict[str, int]  # code -> minimum years
    clean_record: bool
    health_clearance: bool
    sponsor_interests: frozenset[str] = field(default_factory=frozenset)
    allowed_sectors: frozenset[str] | None = None  # the sponsor's community's rule


@dataclass(frozen=True)
class Candidate:
    migrant_id: int
    score: float
    reasons: list[str]


def meets(c: Criteria, m: MigrantFacts) -> bool:
    if any(
        level_rank(m.languages.get(code, "")) < level_rank(level)
        for code, level in c.languages.items()
    ):
        return False
    if c.age_min is not None and (m.age is None or m.age < c.age_min):
        return False
    if c.age_max is not None and (m.age is None or m.age > c.age_max):
        return False
    if any(m.sectors.get(code, -1) < years for code, years in c.sectors.items()):
        return False
    if c.allowed_sectors is not None and not set(c.sectors) <= c.allowed_sectors:
        return False
    return (m.clean_record or not c.clean_record) and (m.health_clear or not c.health_clearance)


def score(c: Criteria, m: MigrantFacts) -> Candidate:
    """Experience beyond the minimum, language above it, and shared interests each add."""
    points, reasons = 0.0, []
    for code, level in sorted(c.languages.items()):
        have = m.languages[code]
        points += level_rank(have) - level_rank(level)
        reasons.append(f"speaks {code} {have}")
    for code, years in sorted(c.sectors.items()):
        points += min(m.sectors[code] - years, 10) / 2
        reasons.append(f"{m.sectors[code]} years in {code}")
    shared = sorted(c.sponsor_interests & m.interests)
    points += len(shared)
    reasons += [f"both like {interest}" for interest in shared]
    if c.clean_record:
        reasons.append("verified clean record")
    if c.health_clearance:
        reasons.append("verified health")
    return Candidate(m.id, round(points, 3), reasons)


def rank(c: Criteria, migrants: list[MigrantFacts], limit: int) -> list[Candidate]:
    """Best first; ties broken by id so the same input always gives the same order."""
    found = [score(c, m) for m in migrants if meets(c, m)]
    return sorted(found, key=lambda cand: (-cand.score, cand.migrant_id))[:limit]


def as_levels(entries: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return {entry["code"]: entry[key] for entry in entries}

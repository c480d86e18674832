"""A crowd of verified sponsors and migrants, built with the bulk intake in one transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import make_password

from vip.communities import services as communities
from vip.demo.people import DEMO_PASSWORD, years_ago
from vip.people import services as people
from vip.people.models import Role, User


def neighbours(
    authority: User, count: int, community: str | list[str], prefix: str = "neighbour"
) -> list[User]:
    """Verified US citizens, each his own household; `community` is one code or one per person."""
    codes = [community] * count if isinstance(community, str) else community
    rows: list[dict[str, Any]] = [
        {
            "email": f"{prefix}{i:03d}@crowd.vip.example",
            "full_name": f"{prefix.title()} {i:03d}",
            "birth_date": years_ago(40),
            "country": "US",
            "citizenship": "US",
            "community": codes[i],
            "household_size": 2,
            "housing": "spare room",
            "languages": [{"code": "en", "level": "native"}],
            "interests": [],
        }
        for i in range(count)
    ]
    people.import_people(actor=authority, sponsors=with_passwords(rows), migrants=[])
    return list(User.objects.filter(role=Role.SPONSOR, email__startswith=prefix).order_by("email"))


def with_passwords(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row with his own hash of the demo password, as a register would give it."""
    return [{**row, "password_hash": make_password(DEMO_PASSWORD)} for row in rows]


def workers(authority: User, count: int, prefix: str = "worker") -> list[User]:
    """Verified Nepali workers with a clean record and health, $2,400 a year at home."""
    rows: list[dict[str, Any]] = [
        {
            "email": f"{prefix}{i:03d}@crowd.vip.example",
            "full_name": f"{prefix.title()} {i:03d}",
            "birth_date": years_ago(26),
            "country": "NP",
            "languages": [{"code": "en", "level": "B2"}],
            "sectors": [{"code": "construction", "years": 3}],
            "countries_worked": ["AE"],
            "home_annual_earnings": 2400_00,
            "home_currency": "USD",
            "interests": [],
            "clean_record": True,
            "health_clear": True,
        }
        for i in range(count)
    ]
    people.import_people(actor=authority, sponsors=[], migrants=with_passwords(rows))
    return list(User.objects.filter(role=Role.MIGRANT, email__startswith=prefix).order_by("email"))


def towns(authority: User, count: int, prefix: str = "town") -> list[str]:
    """Communities with no rules of their own: no cap, every sector."""
    codes = [f"{prefix}-{i:03d}" for i in range(count)]
    for code in codes:
        communities.create_community(
            authority=authority,
            code=code,
            name=code.title(),
            jurisdiction_code="US",
            population=10_000,
        )
    return codes

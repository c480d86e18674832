"""Synthetic sponsors and migrants for the demo and for benchmarks: names and languages that fit
each origin country, drawn with an explicit seed."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from faker import Faker

from vip.clock import today
from vip.matching.ranking.records import Housing, SoftCriterion
from vip.money import MINOR_UNITS, Money
from vip.policy.rates import convert

LEVELS = ["A2", "B1", "B2", "C1"]
SECTORS = [
    "construction",
    "agriculture",
    "care",
    "hospitality",
    "cleaning",
    "manufacturing",
    "logistics",
    "retail",
]
INTERESTS = [
    "football",
    "cricket",
    "cooking",
    "music",
    "gardening",
    "fishing",
    "chess",
    "hiking",
    "religion",
    "dance",
    "films",
    "reading",
]


@dataclass(frozen=True)
class Origin:
    country: str
    locale: str
    languages: tuple[str, ...]  # first: mother tongue; the rest spoken at some level
    weight: int


ORIGINS = [
    Origin("NP", "ne_NP", ("ne", "en", "hi"), 10),
    Origin("IN", "hi_IN", ("hi", "en"), 16),
    Origin("PH", "fil_PH", ("tl", "en"), 14),
    Origin("MX", "es_MX", ("es", "en"), 14),
    Origin("BD", "bn_BD", ("bn", "en"), 8),
    Origin("VN", "vi_VN", ("vi", "en"), 8),
    Origin("KE", "sw", ("sw", "en"), 6),
    Origin("NG", "yo_NG", ("yo", "en"), 8),
    Origin("GH", "tw_GH", ("tw", "en"), 4),
    Origin("UA", "uk_UA", ("uk", "en"), 6),
    Origin("EG", "ar_EG", ("ar", "en", "fr"), 6),
]
HOME_EARNINGS_USD = {
    "NP": 1_400,
    "IN": 2_500,
    "PH": 3_600,
    "MX": 8_500,
    "BD": 2_600,
    "VN": 4_300,
    "KE": 2_100,
    "NG": 2_200,
    "GH": 2_400,
    "UA": 5_000,
    "EG": 3_500,
}

# The currency an origin's migrants state their earnings in, where the platform knows it (the
# others state them in dollars).
OWN_CURRENCY = {"NP": "NPR"}
# The soft criteria a migrant opts into, each with the share of migrants who do: most wish for
# pay and housing that meet their needs, fewer for shared interests, languages or more weight on
# experience, a few for a shared heritage. A pair is listed only when its score is above 0
# (docs/matching.md), so migrants who wished for nothing, or for what no sponsor offers, would
# leave a sponsor's list empty.
WISHES = {
    SoftCriterion.PAY: 0.85,
    SoftCriterion.HOUSING: 0.7,
    SoftCriterion.INTERESTS: 0.55,
    SoftCriterion.EXPERIENCE: 0.3,
    SoftCriterion.LANGUAGES: 0.2,
    SoftCriterion.HERITAGE: 0.1,
}
# The pay a migrant expects a year, in dollars (stated in his own currency), and the housing he
# needs, with its weight.
PAY_EXPECTATION_USD = (8_000, 22_000)
HOUSING_NEEDS = dict(zip(Housing, (15, 35, 35, 15), strict=True))


def full_name(faker: Faker) -> str:
    """A given name and a family name, never `faker.name()`: its formats add titles (Dr., Mrs.,
    Ing., Chief...) and degrees (MD, DDS), which say a gender or a rank nobody stated. The given
    name is drawn by the faker's own random (so the seeded `rng` draws the same people as before)
    from the female or the male list: some locales (vi_VN) have only those, and their plain
    `first_name` falls back to English ones."""
    given = faker.random.choice((faker.first_name_female, faker.first_name_male))
    return f"{given()} {faker.last_name()}"


def birth_date(rng: random.Random, low: int, high: int) -> dt.date:
    return today() - dt.timedelta(days=rng.randint(low * 365 + 1, high * 365 - 1))


def in_own_currency(usd: int, country: str) -> tuple[int, str]:
    """Whole dollars in the currency an origin's migrants state money in, rounded to whole units
    (rule 11), as minor units."""
    stated = convert(Money(usd * 100, "USD"), OWN_CURRENCY.get(country, "USD"), today())
    return round(stated.amount, -MINOR_UNITS[stated.currency]), stated.currency


def wishes(rng: random.Random, country: str) -> dict[str, Any]:
    """What a migrant wishes for (his soft criteria), what pay he expects and what housing he
    needs: drawn by a random of their own, so the seeded `rng` draws the same people as before."""
    pay, _ = in_own_currency(rng.randint(*PAY_EXPECTATION_USD) // 500 * 500, country)
    return {
        "soft_criteria": [c.value for c, share in WISHES.items() if rng.random() < share],
        "pay_expectation": pay,
        "housing_need": rng.choices(list(HOUSING_NEEDS), list(HOUSING_NEEDS.values()))[0].value,
    }


def migrant(
    rng: random.Random, fakers: dict[str, Faker], n: int, wished: random.Random
) -> dict[str, Any]:
    origin = rng.choices(ORIGINS, weights=[o.weight for o in ORIGINS])[0]
    mother, *others = origin.languages
    languages = [{"code": mother, "level": "native"}]
    languages += [
        {"code": code, "level": rng.choice(LEVELS)} for code in others if rng.random() < 0.8
    ]
    sectors = [
        {"code": s, "years": rng.randint(0, 12)} for s in rng.sample(SECTORS, rng.randint(1, 3))
    ]
    # Each states them in his own currency where the platform knows it (rule 11), in whole units.
    home, currency = in_own_currency(
        int(HOME_EARNINGS_USD[origin.country] * rng.uniform(0.5, 1.6)), origin.country
    )
    return {
        "email": f"migrant{n}@demo.vip.example",
        "full_name": full_name(fakers[origin.locale]),
        "birth_date": birth_date(rng, 19, 55),
        "country": origin.country,
        "languages": languages,
        "sectors": sectors,
        "countries_worked": rng.sample(["AE", "QA", "SA", "MY", "KW"], rng.randint(0, 2)),
        "home_annual_earnings": home,
        "home_currency": currency,
        "interests": rng.sample(INTERESTS, rng.randint(1, 4)),
        "clean_record": rng.random() < 0.95,
        "health_clear": rng.random() < 0.9,
        **wishes(wished, origin.country),
    }


def sponsor(rng: random.Random, faker: Faker, n: int, communities: list[str]) -> dict[str, Any]:
    return {
        "email": f"sponsor{n}@demo.vip.example",
        "full_name": full_name(faker),
        "birth_date": birth_date(rng, 18, 80),
        "country": "US",
        "citizenship": "US",
        "community": rng.choice(communities),
        "household_size": rng.randint(1, 6),
        "housing": rng.choice(["spare room", "annex", "shared flat nearby"]),
        "languages": [{"code": "en", "level": "native"}]
        + ([{"code": "es", "level": rng.choice(LEVELS)}] if rng.random() < 0.2 else []),
        "interests": rng.sample(INTERESTS, rng.randint(1, 4)),
    }


def people(
    sponsors: int, migrants: int, communities: list[str], seed: int = 2018
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    fakers = {o.locale: Faker(o.locale) for o in ORIGINS}
    for i, faker in enumerate(fakers.values()):
        faker.seed_instance(seed + i)
    us = Faker("en_US")
    us.seed_instance(seed)
    wished = random.Random(seed + 1)
    return (
        [sponsor(rng, us, n, communities) for n in range(sponsors)],
        [migrant(rng, fakers, n, wished) for n in range(migrants)],
    )

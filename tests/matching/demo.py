"""The demo's world: the seeds' story and thousands of synthetic people, as `vip demo` seeds it."""

from __future__ import annotations

from typing import Any

from vip.demo import synthetic
from vip.demo.people import load_story
from vip.matching import from_database
from vip.matching.ranking.records import MigrantRecord
from vip.people import services as people
from vip.people.models import User

ANTHONYS_REQUEST: dict[str, Any] = {
    "languages": [{"code": "en", "min_level": "B1"}],
    "age": {"min": 20, "max": 29},
    "sectors": [{"code": "construction", "min_years": 1}],
    "clean_record": True,
    "health_clearance": True,
    "annual_pay": {"amount": 12_000_00, "currency": "USD"},
    "housing": "private_room",
    "housing_text": "spare room",
}


def demo_world(sponsors: int = 300, migrants: int = 3000) -> dict[str, User]:
    """The story first (as `vip demo` loads it), then the synthetic people, seed 2018."""
    story = load_story()
    s, m = synthetic.people(sponsors, migrants, ["springfield", "riverside"], seed=2018)
    people.import_people(actor=story["authority"], sponsors=s, migrants=m)
    return story


def every_migrant_record() -> list[MigrantRecord]:
    """Every migrant the ranking sees, as an update reads him."""
    ids = User.objects.filter(role="migrant").order_by("pk").values_list("pk", flat=True)
    return from_database.migrant_records(list(ids))

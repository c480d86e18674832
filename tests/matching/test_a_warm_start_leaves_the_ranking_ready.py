"""`vip serve` warms the ranking before it answers: the live indexes are built and the kernels of
both queries are loaded, so the first sponsor or migrant to ask does not pay for them."""

from __future__ import annotations

from vip.matching import indexes
from vip.matching.ranking import kernels
from vip.matching.warm import warm_up
from vip.people.models import User

from tests.cast import seed_request


def test_warm_up_builds_the_indexes_and_loads_both_kernels(story: dict[str, User]) -> None:
    seed_request()
    indexes.invalidate()
    warm_up()
    built = indexes._indexes  # what warm_up left, not what a query would build
    assert built is not None
    assert built.jurisdictions["US"].candidates.record(story["bishal"].pk).id == story["bishal"].pk
    assert kernels.rank_candidates.signatures
    assert kernels.rank_opportunities.signatures


def test_warm_up_on_an_empty_database_builds_empty_indexes(db: None) -> None:
    indexes.invalidate()
    warm_up()
    built = indexes._indexes
    assert built is not None
    assert all(len(j.candidates) == 0 for j in built.jurisdictions.values())

"""A soft criterion is used, and shown, only when both sides opted into it: a sponsor who asks
for a shared religion or heritage learns nothing of them from a migrant who opted only into pay,
and the pair's score is the same whatever the migrant's religion and heritage (the kernels agree
with pairs.py)."""

from __future__ import annotations

from dataclasses import replace

from vip.bench.synthetic import SMALL_VOCABULARIES
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.pairs import pair_score
from vip.matching.ranking.records import MigrantRecord, SponsorRecord

from tests.matching.ranking.test_bishal_is_among_anthonys_candidates import ON


def test_religion_and_heritage_are_neither_used_nor_shown_for_a_migrant_who_opted_only_into_pay(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    only_pay = replace(bishal, preferences=frozenset({"pay"}))
    curious = replace(anthony, preferences=frozenset({"religion", "heritage", "pay"}))
    index = CandidateIndex.build([only_pay], SMALL_VOCABULARIES)

    [found] = candidates(index, curious, on=ON)

    assert not [
        r for r in tuple(map(str, found.reasons)) if "hindu" in r.lower() or "heritage" in r
    ]
    assert "pay meets the worker's expectation" in tuple(map(str, found.reasons))
    unknown = replace(only_pay, religion=None, heritage=frozenset())
    assert found.score * 1000 == pair_score(only_pay, curious) == pair_score(unknown, curious)


def test_a_criterion_both_opted_into_is_used_and_shown(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    both = replace(anthony, preferences=frozenset({"religion"}))
    index = CandidateIndex.build(
        [replace(bishal, preferences=frozenset({"religion"}))], SMALL_VOCABULARIES
    )

    [found] = candidates(index, replace(both, religion="hindu"), on=ON)

    assert any("both" in r and "indu" in r for r in tuple(map(str, found.reasons))), tuple(
        map(str, found.reasons)
    )

"""A pair neither side's wishes fit (score 0: one side's mean is 0) is not listed, in either
direction: not among the request's candidates, nor among the migrant's opportunities. The
kernels leave it out as the reference does (pairs.listed), on random markets that hold such
pairs, however many results are asked for."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench.synthetic import SMALL_VOCABULARIES
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.opportunities import OpportunityIndex, opportunities
from vip.matching.ranking.pairs import listed, may_meet, pair_score
from vip.matching.ranking.records import DEFAULT_SAFEGUARDS, MigrantRecord, SponsorRecord

from tests.matching.ranking import brute_force
from tests.matching.ranking.test_fast_ranking_equals_brute_force import ON, _market, _points


def test_a_request_whose_wishes_the_migrant_does_not_share_lists_him_in_neither_direction(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    """Anthony wishes only for a shared religion, which Bishal did not opt into: Anthony's mean
    is 0, so is the pair's score."""
    religion_only = replace(anthony, preferences=frozenset({"religion"}), religion="hindu")

    assert may_meet(bishal, religion_only, ON, DEFAULT_SAFEGUARDS)
    assert pair_score(bishal, religion_only) == 0
    assert not listed(pair_score(bishal, religion_only))
    migrants = CandidateIndex.build([bishal], SMALL_VOCABULARIES)
    assert candidates(migrants, religion_only, on=ON) == []
    requests = OpportunityIndex.build([religion_only], SMALL_VOCABULARIES)
    assert opportunities(requests, bishal, on=ON) == []


def test_a_request_that_does_not_meet_the_migrants_only_wish_lists_him_in_neither_direction(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    """Bishal's only wish is a private room; a shared room gives it 0 points: his mean is 0."""
    housing_only = replace(bishal, preferences=frozenset({"housing"}))
    shared_room = replace(anthony, housing="shared_room")

    assert pair_score(housing_only, shared_room) == 0
    migrants = CandidateIndex.build([housing_only], SMALL_VOCABULARIES)
    assert candidates(migrants, shared_room, on=ON) == []
    requests = OpportunityIndex.build([shared_room], SMALL_VOCABULARIES)
    assert opportunities(requests, housing_only, on=ON) == []
    assert [r.id for r in candidates(migrants, anthony, on=ON)] == [bishal.id]


def test_the_random_markets_hold_pairs_that_may_meet_and_score_0() -> None:
    """The property tests' markets do exercise the rule: many pairs pass every hard criterion
    and score 0, and none of them is listed."""
    migrants, requests, _, _ = _market(4101, 120)
    unfit = [
        (m, r)
        for m in migrants
        for r in requests
        if may_meet(m, r, ON, DEFAULT_SAFEGUARDS) and pair_score(m, r) == 0
    ]
    assert len(unfit) > 20
    index = CandidateIndex.build(migrants, SMALL_VOCABULARIES)
    for m, r in unfit[:20]:
        assert m.id not in {c.id for c in candidates(index, r, on=ON, k=len(migrants))}


@seed(4107)
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 80))
def test_no_score_0_pair_is_listed_even_when_everyone_is_asked_for(
    market_seed: int, n: int
) -> None:
    """With k above the market's size nothing is cut by the top k: the kernels list exactly the
    pairs the reference lists, and no score 0."""
    migrants, requests, blocks, _ = _market(market_seed, n)
    migrant_index = CandidateIndex.build(migrants, SMALL_VOCABULARIES)
    request_index = OpportunityIndex.build(requests, SMALL_VOCABULARIES)
    safeguards = DEFAULT_SAFEGUARDS
    for request in requests[:6]:
        fast = candidates(migrant_index, request, on=ON, k=n + 1, blocks=blocks)
        assert _points(fast) == brute_force.candidates(
            migrants, request, ON, n + 1, blocks, safeguards
        )
        assert all(r.score > 0 for r in fast)
    for migrant in migrants[:6]:
        fast = opportunities(request_index, migrant, on=ON, k=n + 1, blocks=blocks)
        assert _points(fast) == brute_force.opportunities(
            requests, migrant, ON, n + 1, blocks, safeguards
        )
        assert all(r.score > 0 for r in fast)

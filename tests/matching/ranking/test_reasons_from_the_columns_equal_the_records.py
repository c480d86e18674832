from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench.synthetic import SMALL_VOCABULARIES, random_migrant, random_request
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.pairs import reasons

ON = date(2026, 11, 22)


@seed(4107)
@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 120))
def test_reasons_read_from_the_columns_equal_those_of_the_record_the_index_holds(
    market_seed: int, n: int
) -> None:
    rng = np.random.default_rng(market_seed)
    index = CandidateIndex.build(
        (random_migrant(rng, i, SMALL_VOCABULARIES, ON) for i in range(n)), SMALL_VOCABULARIES
    )
    listed = 0
    for request in (random_request(rng, i, SMALL_VOCABULARIES, ON) for i in range(8)):
        for result in candidates(index, request, on=ON, k=n):
            listed += 1
            expected = reasons(index.record(result.id), request, SMALL_VOCABULARIES)
            assert list(result.reasons) == expected
    assert n < 40 or listed > 0  # a large market lists someone: the comparison ran

"""The kernel filters rows a chunk at a time: every row of an index spanning two chunks, the
last one short, is ranked as the brute force ranks it (all who pass, not only the first k)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from vip.bench.synthetic import SMALL_VOCABULARIES, random_migrant, random_request
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.kernels import CHUNK
from vip.matching.ranking.ranked import Blocks
from vip.matching.ranking.records import DEFAULT_SAFEGUARDS

from tests.matching.ranking import brute_force

ON = date(2026, 11, 22)


@pytest.mark.parametrize("market_seed", [7, 2026])
def test_every_row_of_two_chunks_is_ranked_as_the_brute_force_ranks_it(
    market_seed: int,
) -> None:
    rng = np.random.default_rng(market_seed)
    n = CHUNK + 1003
    migrants = [random_migrant(rng, i, SMALL_VOCABULARIES, ON) for i in range(n)]
    index = CandidateIndex.build(migrants, SMALL_VOCABULARIES)
    blocks = Blocks()
    for request in (random_request(rng, i, SMALL_VOCABULARIES, ON) for i in range(4)):
        expected = brute_force.candidates(migrants, request, ON, n, blocks, DEFAULT_SAFEGUARDS)
        fast = candidates(index, request, on=ON, k=n, blocks=blocks)
        assert [(r.id, round(r.score * 1000)) for r in fast] == expected

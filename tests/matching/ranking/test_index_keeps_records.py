from __future__ import annotations

from datetime import date

import numpy as np

from vip.bench.synthetic import SMALL_VOCABULARIES, random_migrant
from vip.matching.ranking.index import CandidateIndex


def test_the_candidate_index_gives_back_each_migrant_as_he_was_stored() -> None:
    rng = np.random.default_rng(4201)
    migrants = [random_migrant(rng, i, SMALL_VOCABULARIES, date(2026, 11, 22)) for i in range(300)]
    index = CandidateIndex.build(migrants, SMALL_VOCABULARIES)
    for migrant in migrants:
        assert index.record(migrant.id) == migrant


def test_removing_a_migrant_keeps_the_others_and_forgets_him() -> None:
    rng = np.random.default_rng(4202)
    migrants = [random_migrant(rng, i, SMALL_VOCABULARIES, date(2026, 11, 22)) for i in range(50)]
    index = CandidateIndex.build(migrants, SMALL_VOCABULARIES)
    assert index.remove(7)
    assert not index.remove(7)
    assert len(index) == 49
    assert all(index.record(m.id) == m for m in migrants if m.id != 7)

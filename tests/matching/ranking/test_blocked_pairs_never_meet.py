from __future__ import annotations

from datetime import date

from vip.bench.synthetic import SMALL_VOCABULARIES
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.opportunities import OpportunityIndex, opportunities
from vip.matching.ranking.ranked import Blocks
from vip.matching.ranking.records import MigrantRecord, SponsorRecord

ON = date(2026, 11, 22)


def test_a_blocked_pair_is_hidden_both_ways_until_unblocked(
    bishal: MigrantRecord, anthony: SponsorRecord
) -> None:
    migrants = CandidateIndex.build([bishal], SMALL_VOCABULARIES)
    requests = OpportunityIndex.build([anthony], SMALL_VOCABULARIES)
    blocks = Blocks()
    blocks.block(anthony.sponsor_id, bishal.id)
    assert candidates(migrants, anthony, on=ON, blocks=blocks) == []
    assert opportunities(requests, bishal, on=ON, blocks=blocks) == []
    blocks.unblock(anthony.sponsor_id, bishal.id)
    assert [r.id for r in candidates(migrants, anthony, on=ON, blocks=blocks)] == [bishal.id]
    assert [r.id for r in opportunities(requests, bishal, on=ON, blocks=blocks)] == [anthony.id]

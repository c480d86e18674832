"""The ranking's kernels loaded before anyone asks: numba compiles a kernel at its first call
(seconds, then cached on disk), whatever the data, so one query of each kind on a one-person
index loads both; no Django, no database."""

from __future__ import annotations

import datetime as dt

from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.opportunities import OpportunityIndex, opportunities
from vip.matching.ranking.records import MigrantRecord, SponsorRecord
from vip.matching.ranking.vocabulary import Vocabularies, Vocabulary


def load_kernels(on: dt.date) -> None:
    where = frozenset({"XX"})
    migrant = MigrantRecord(
        id=1, birth_date=on - dt.timedelta(days=30 * 365), available_from=on, jurisdictions=where
    )
    request = SponsorRecord(id=2, sponsor_id=3, jurisdiction="XX", start_date=on)
    empty = Vocabulary(())
    vocabularies = Vocabularies(
        languages=empty,
        sectors=empty,
        interests=empty,
        heritage=empty,
        religions=empty,
        jurisdictions=Vocabulary(tuple(where)),
    )
    candidates(CandidateIndex.build([migrant], vocabularies), request, on=on, k=1)
    opportunities(OpportunityIndex.build([request], vocabularies), migrant, on=on, k=1)

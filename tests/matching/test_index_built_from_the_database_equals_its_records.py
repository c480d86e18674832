"""The indexes' one-pass build holds, for every migrant and request, exactly the record the
database gives for him alone (what an incremental update reads)."""

from __future__ import annotations

import pytest

from vip.matching import from_database, indexes
from vip.matching import services as matching
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.opportunities import OpportunityIndex
from vip.matching.ranking.records import Level
from vip.matching.services import LanguageNeed, RequestCriteria
from vip.people.models import User

from tests.matching.demo import demo_world, every_migrant_record


def test_every_row_of_the_built_indexes_is_the_record_read_from_the_database(db: None) -> None:
    story = demo_world(sponsors=40, migrants=300)
    for sponsor in User.objects.filter(role="sponsor").order_by("pk")[:25]:
        matching.create_request(
            user=sponsor,
            sponsor=sponsor,
            criteria=RequestCriteria(languages=(LanguageNeed("en", Level.B1),), clean_record=True),
        )
    built = indexes.current()
    migrants = every_migrant_record()
    requests = from_database.sponsor_records()
    assert story["bishal"].pk in {m.id for m in migrants}
    assert len(requests) == 25
    for migrant in migrants:
        [alone] = from_database.migrant_records([migrant.id])
        assert alone == migrant
        indexed = built.as_indexed(migrant)
        for code, indexes_of in built.jurisdictions.items():
            if code in indexed.jurisdictions:
                in_its_currency = built.priced(indexed, code)  # his expectation converted
                assert in_its_currency is not None
                expected = CandidateIndex.build([in_its_currency], built.vocabularies).record(
                    migrant.id
                )
                assert indexes_of.candidates.record(migrant.id) == expected == in_its_currency
            else:
                with pytest.raises(KeyError):
                    indexes_of.candidates.record(migrant.id)
    for request in requests:
        [alone] = from_database.sponsor_records(ids=[request.id])
        assert alone == request
        expected = OpportunityIndex.build([request], built.vocabularies).record(request.id)
        assert (
            built.jurisdictions[request.jurisdiction].opportunities.record(request.id) == expected
        )
    assert sum(len(m.opportunities) for m in built.jurisdictions.values()) == 25

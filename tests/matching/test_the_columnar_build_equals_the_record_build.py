"""The indexes' build reads the migrants as whole columns (columns_from_database.py); an update
reads one person's record (from_database.py) and encodes it. Both must give the same index: the
same vocabularies, byte for byte the same columns in every jurisdiction, the same top 20 for
every request. Run on SQLite and on PostgreSQL (binary COPY)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from vip.clock import today
from vip.matching import from_database, indexes
from vip.matching import services as matching
from vip.matching.ranking.candidates import candidates
from vip.matching.ranking.index import CandidateIndex
from vip.matching.ranking.records import Level
from vip.matching.ranking.vocabulary import Codes
from vip.matching.services import LanguageNeed, RequestCriteria
from vip.people import services as people
from vip.people.models import MigrantProfile, User

from tests.cast import migrant, signed_agreement, sponsor
from tests.matching.demo import demo_world, every_migrant_record


def assert_the_columnar_build_is_the_record_build() -> int:
    """Returns how many candidates the requests found (a test of nothing finds none)."""
    built = indexes.build()
    records = every_migrant_record()
    requests = from_database.sponsor_records()
    codes = Codes()
    codes.count([*records, *requests])
    assert built.vocabularies == codes.vocabularies(built.currencies)
    reference = indexes.LiveIndexes(built.vocabularies, built.blocks, built.currencies)
    for record in records:
        reference.put_migrant(record)
    found = 0
    for code, mine in built.jurisdictions.items():
        theirs = reference.jurisdictions[code].candidates
        for name in CandidateIndex.schema(built.vocabularies).keys() | {"id"}:
            a, b = mine.candidates.store.column(name), theirs.store.column(name)
            assert a.dtype == b.dtype and a.shape == b.shape, (code, name)
            for field in a.dtype.names or [None]:  # a record's padding holds nothing
                x, y = (a, b) if field is None else (a[field], b[field])
                assert x.tobytes() == y.tobytes(), (code, name, field)
        for request in (r for r in requests if r.jurisdiction == code):
            ours = candidates(mine.candidates, request, on=today(), k=20, blocks=built.blocks)
            assert ours == candidates(theirs, request, on=today(), k=20, blocks=built.blocks)
            found += len(ours)
    return found


def test_a_market_of_every_kind_of_migrant_builds_the_same_index_both_ways(db: None) -> None:
    story = demo_world(sponsors=30, migrants=200)
    authority = story["authority"]
    claire = sponsor(authority, "Claire", community="maple", country="CA")
    for host in [claire, *User.objects.filter(role="sponsor").order_by("pk")[:15]]:
        matching.create_request(
            user=host,
            sponsor=host,
            criteria=RequestCriteria(languages=(LanguageNeed("en", Level.A2),)),
        )
    migrant(authority, "Nolang", verify=(), languages=[], sectors=[])  # no verification at all
    migrant(
        authority,
        "Dawa",
        home_currency="NPR",
        pay_expectation=2_666_000_00,
        jurisdictions=["US", "CA"],
        languages=[{"code": "en", "level": "native"}, {"code": "ne", "level": "A1"}],
        sectors=[{"code": "construction", "years": 400}],
        heritage=["np", "sherpa"],
        interests=["football"],
        religion="buddhist",
        wants_other_adults=True,
        housing_need="private_room",
        soft_criteria=["pay", "housing", "religion"],
    )
    migrant(authority, "Nowhere", jurisdictions=["XX"], languages=[{"code": "en", "level": "C1"}])
    barred = migrant(authority, "Barred", languages=[{"code": "en", "level": "B2"}])
    MigrantProfile.objects.filter(user=barred).update(barred_until=today() + dt.timedelta(days=90))
    relapsed = migrant(authority, "Relapsed", verify=("identity", "criminal_record", "health"))
    people.record_verification(
        authority=authority, person_id=relapsed.pk, kind="criminal_record", result="not_clear"
    )
    unverified = migrant(authority, "Unverified", verify=("health",))
    User.objects.filter(pk=unverified.pk).update(country="")
    gone = migrant(authority, "Gone", languages=[{"code": "en", "level": "B2"}])
    User.objects.filter(pk=gone.pk).update(is_active=False)
    signed_agreement(story["anthony"], story["bishal"])
    assert assert_the_columnar_build_is_the_record_build() > 0
    built = indexes.build()
    assert len(built.jurisdictions) >= 2
    assert all(len(j.candidates) > 0 for j in built.jurisdictions.values())


def test_migrants_who_state_no_codes_build_the_same_index_both_ways(db: None) -> None:
    demo_world(sponsors=5, migrants=40)
    MigrantProfile.objects.update(
        languages=[], sectors=[], interests=[], heritage=[], jurisdictions=[], soft_criteria=[]
    )
    User.objects.filter(role="migrant").update(country="")
    assert_the_columnar_build_is_the_record_build()
    built = indexes.build()
    assert sum(len(j.candidates) for j in built.jurisdictions.values()) > 0
    assert not np.any(built.jurisdictions["US"].candidates.store.column("levels"))

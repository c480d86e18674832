"""A community with a cap of seven and a hundred and twenty neighbours applying at once."""

from __future__ import annotations

from functools import partial

import pytest

from vip.audit.services import verify
from vip.communities import services as communities
from vip.people.models import User
from vip.visas import services as visas
from vip.visas.models import LIVE, Visa

from tests.cast import insurance, signed_agreement
from tests.concurrency.crowd import neighbours, workers
from tests.concurrency.race import ATTEMPTS, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CAP = 7


def test_exactly_the_cap_of_a_hundred_simultaneous_applications_in_one_community_is_approved(
    story: dict[str, User],
) -> None:
    authority = story["authority"]
    communities.create_community(
        authority=authority,
        code="shelbyville",
        name="Shelbyville",
        jurisdiction_code="US",
        population=5_000,
    )
    communities.set_rules(
        user=authority,
        community_code="shelbyville",
        effective_from=None,
        max_active_visas=CAP,
        max_per_1000_residents=None,
        max_per_household=None,
        allowed_sectors=None,
        open_zone=False,
    )
    sponsors = neighbours(authority, ATTEMPTS, "shelbyville")
    pairs = zip(sponsors, workers(authority, ATTEMPTS), strict=True)
    agreements = [signed_agreement(sponsor, worker) for sponsor, worker in pairs]
    attempts = [
        partial(visas.apply, user=a.sponsor, agreement_id=a.pk, insurance=insurance(a))
        for a in agreements
    ]

    outcomes = race(attempts)

    assert [o.refusal for o in outcomes if o.refusal is not None] == []
    decided = [o.value for o in outcomes if o.value is not None]
    approved = [v for v in decided if v.status == "approved"]
    refused = [v for v in decided if v.status == "refused"]
    assert (len(approved), len(refused)) == (CAP, ATTEMPTS - CAP)
    assert all([r["code"] for r in v.reasons] == ["COMMUNITY_CAP_REACHED"] for v in refused)
    assert Visa.objects.filter(community__code="shelbyville", status__in=LIVE).count() == CAP
    assert verify().ok

"""One migrant, a hundred and twenty sponsors in as many communities, all applying at once:
no community lock is shared, so only the partial unique index stands between them."""

from __future__ import annotations

from functools import partial

import pytest

from vip.audit.services import verify
from vip.people.models import User
from vip.visas import services as visas
from vip.visas.models import LIVE, Visa

from tests.cast import insurance, signed_agreement
from tests.concurrency.crowd import neighbours, towns
from tests.concurrency.race import ATTEMPTS, race, tally

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


LOST = (["MIGRANT_HAS_ACTIVE_VISA"], ["MIGRANT_HAS_ACTIVE_VISA", "AGREEMENT_NOT_SIGNED"])


def test_only_one_of_a_hundred_sponsors_in_different_communities_wins_the_same_migrant(
    story: dict[str, User],
) -> None:
    bishal, authority = story["bishal"], story["authority"]
    sponsors = neighbours(authority, ATTEMPTS, towns(authority, ATTEMPTS))
    assert len({s.community_id for s in sponsors}) == ATTEMPTS
    agreements = [signed_agreement(sponsor, bishal) for sponsor in sponsors]
    attempts = [
        partial(visas.apply, user=a.sponsor, agreement_id=a.pk, insurance=insurance(a))
        for a in agreements
    ]

    outcomes = race(attempts)

    decided = [o.value for o in outcomes if o.value is not None]
    assert [v.status for v in decided].count("approved") == 1
    for visa in decided:
        if visa.status != "approved":
            assert visa.status == "refused"
            # Who applies after the winner committed also finds his agreement lapsed.
            assert [r["code"] for r in visa.reasons] in LOST
    conflicts = tally([o.code for o in outcomes if o.refusal is not None])
    assert set(conflicts) <= {"MIGRANT_HAS_ACTIVE_VISA"}
    assert all(o.refusal.status == 409 for o in outcomes if o.refusal is not None)
    assert len(decided) + sum(conflicts.values()) == ATTEMPTS
    assert Visa.objects.filter(migrant=bishal, status__in=LIVE).count() == 1
    assert verify().ok
    print(f"approved 1, refused {len(decided) - 1}, conflicts {conflicts}")

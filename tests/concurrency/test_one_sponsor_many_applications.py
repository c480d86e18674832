"""One sponsor, a hundred and twenty signed agreements applied for at once: one visa, at most."""

from __future__ import annotations

from functools import partial

import pytest

from vip.audit.services import verify
from vip.people.models import User
from vip.visas import services as visas
from vip.visas.models import LIVE, Visa

from tests.cast import insurance, signed_agreement
from tests.concurrency.crowd import workers
from tests.concurrency.race import ATTEMPTS, race, tally

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_only_one_of_a_hundred_simultaneous_applications_by_one_sponsor_wins(
    story: dict[str, User],
) -> None:
    anthony, authority = story["anthony"], story["authority"]
    agreements = [signed_agreement(anthony, worker) for worker in workers(authority, ATTEMPTS)]
    attempts = [
        partial(visas.apply, user=anthony, agreement_id=a.pk, insurance=insurance(a))
        for a in agreements
    ]

    outcomes = race(attempts)

    decided = [o.value for o in outcomes if o.value is not None]
    approved = [v for v in decided if v.status == "approved"]
    assert len(approved) == 1
    for visa in decided:
        if visa.status != "approved":
            assert visa.status == "refused"
            assert "SPONSOR_HAS_ACTIVE_SPONSORSHIP" in {r["code"] for r in visa.reasons}
    conflicts = tally([o.code for o in outcomes if o.refusal is not None])
    assert set(conflicts) <= {"SPONSOR_HAS_ACTIVE_SPONSORSHIP"}
    assert len(decided) + sum(conflicts.values()) == ATTEMPTS
    assert Visa.objects.filter(sponsor=anthony, status__in=LIVE).count() == 1
    assert verify().ok
    print(f"approved 1, refused {len(decided) - 1}, conflicts {conflicts}")

"""Bishal works for Anthony and has signed with a hundred and twenty other sponsors, in as many
communities, who all apply at once to take him over. Each transfer locks the visa it ends, so
transfers follow one another: one chain from Anthony's visa to the one live visa at the end,
never two transfers from the same visa, never a gap; the rest are refused."""

from __future__ import annotations

from functools import partial

import pytest

from vip.audit.services import verify
from vip.people.models import User
from vip.visas import services as visas
from vip.visas.models import LIVE, Visa

from tests.cast import active_visa, insurance, signed_agreement
from tests.concurrency.crowd import neighbours, towns
from tests.concurrency.race import ATTEMPTS, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_hundred_simultaneous_transfers_of_one_migrant_leave_one_chain_and_one_live_visa(
    story: dict[str, User],
) -> None:
    anthony, bishal, authority = story["anthony"], story["bishal"], story["authority"]
    old = active_visa(anthony, bishal)
    sponsors = neighbours(authority, ATTEMPTS, towns(authority, ATTEMPTS))
    agreements = [signed_agreement(sponsor, bishal) for sponsor in sponsors]
    attempts = [
        partial(visas.apply, user=a.sponsor, agreement_id=a.pk, insurance=insurance(a))
        for a in agreements
    ]

    outcomes = race(attempts)

    decided = [o.value for o in outcomes if o.value is not None]
    transfers = {v.pk for v in decided if v.transferred_from_id is not None}
    for visa in decided:
        if visa.pk not in transfers:
            assert visa.status == "refused"
            assert [r["code"] for r in visa.reasons] == ["MIGRANT_HAS_ACTIVE_VISA"]
    assert {o.code for o in outcomes if o.refusal is not None} <= {"MIGRANT_HAS_ACTIVE_VISA"}
    chain = [Visa.objects.get(pk=old.pk)]
    while (step := Visa.objects.filter(transferred_from=chain[-1]).first()) is not None:
        chain.append(step)
    assert {v.pk for v in chain[1:]} == transfers  # every transfer is on the one chain
    assert len(transfers) >= 1
    assert {v.status for v in chain[:-1]} == {"transferred"}
    assert list(Visa.objects.filter(migrant=bishal, status__in=LIVE)) == [chain[-1]]
    assert chain[-1].status == "active"
    assert verify().ok
    print(f"{len(transfers)} transfers in a row, {len(decided) - len(transfers)} refused")

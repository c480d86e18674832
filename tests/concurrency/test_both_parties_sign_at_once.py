"""Anthony and Bishal sign the same agreement at once, sixty times each: two signatures count."""

from __future__ import annotations

from functools import partial

import pytest

from vip.agreements import services as agreements
from vip.agreements.models import Agreement, AgreementStatus
from vip.people.models import User

from tests.cast import seed_terms
from tests.concurrency.race import ATTEMPTS, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_both_parties_signing_one_agreement_at_once_sign_it_exactly_once_each(
    story: dict[str, User],
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    offer = agreements.offer(
        user=anthony,
        sponsor=anthony,
        migrant_id=bishal.pk,
        terms=seed_terms(),
    )
    signers = [anthony, bishal] * (ATTEMPTS // 2)
    attempts = [partial(agreements.sign, user=who, agreement_id=offer.pk) for who in signers]

    outcomes = race(attempts)

    signed = [(signer, o.value) for signer, o in zip(signers, outcomes, strict=True) if o.value]
    assert sorted(signer.pk for signer, _ in signed) == sorted([anthony.pk, bishal.pk])
    assert [a.status for _, a in signed].count(AgreementStatus.SIGNED) == 1
    refusals = {(o.refusal.code, o.refusal.status) for o in outcomes if o.refusal is not None}
    assert refusals <= {("ALREADY_SIGNED", 409), ("AGREEMENT_ALREADY_SIGNED", 409)}
    assert len(signed) + sum(1 for o in outcomes if o.refusal is not None) == ATTEMPTS
    final = Agreement.objects.get(pk=offer.pk)
    assert final.status == AgreementStatus.SIGNED
    assert final.sponsor_signed_at is not None and final.migrant_signed_at is not None

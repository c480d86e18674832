"""Moving to a new sponsor keeps the migrant in the country: the old visa ends and the new one
starts in one transaction, with no gap."""

from __future__ import annotations

from vip.clock import today
from vip.people.models import User
from vip.visas import services
from vip.visas.models import Status, Visa

from tests.cast import active_visa, migrant, signed_agreement, visa_for

World = dict[str, User]


def test_bishal_moves_from_anthony_to_carol_without_a_gap(story: World) -> None:
    old = active_visa(story["anthony"], story["bishal"])
    new = visa_for(story["carol"], story["bishal"])
    old.refresh_from_db()
    assert (old.status, new.status) == (Status.TRANSFERRED, Status.ACTIVE)
    assert new.transferred_from == old
    ended = old.status_changes.get(to_status=Status.TRANSFERRED).at
    started = new.status_changes.get(to_status=Status.ACTIVE).at
    assert ended <= started
    assert Visa.objects.filter(migrant=story["bishal"], status__in=["active"]).count() == 1


def test_a_transfer_ends_the_old_sponsors_support_obligation(story: World) -> None:
    old = active_visa(story["anthony"], story["bishal"])
    services.report_event(
        user=story["anthony"], visa_id=old.pk, kind="unemployed", occurred_on=today(), details={}
    )
    visa_for(story["carol"], story["bishal"])
    assert old.support_obligations.get().ended_on == today()


def test_a_refused_transfer_leaves_him_with_his_sponsor(story: World) -> None:
    old = active_visa(story["anthony"], story["bishal"])
    agreement = signed_agreement(story["carol"], story["bishal"])
    refused = services.apply(user=story["carol"], agreement_id=agreement.pk, insurance=None)
    old.refresh_from_db()
    assert (old.status, refused.status) == (Status.ACTIVE, Status.REFUSED)


def test_the_old_sponsor_may_sponsor_again_after_the_transfer(story: World) -> None:
    active_visa(story["anthony"], story["bishal"])
    visa_for(story["carol"], story["bishal"])
    assert visa_for(story["anthony"], migrant(story["authority"], "Dawa")).status == "approved"

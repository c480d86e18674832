"""An event an agency causes on a sponsor's thing names the sponsor (`on_behalf_of`) beside the
agency (the actor); the sponsor's own events, and the migrant's, name no one else."""

from __future__ import annotations

from vip.agreements import services as agreements
from vip.audit.models import Action, AuditEvent
from vip.people import services as people
from vip.people.models import User

from tests.cast import seed_terms


def test_the_agency_signs_for_anthony_and_the_log_names_both(story: dict[str, User]) -> None:
    anthony, agency, bishal = story["anthony"], story["agency"], story["bishal"]
    people.delegate(sponsor=anthony, agency_id=agency.pk)
    offered = agreements.offer(
        user=agency, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms()
    )
    agreements.sign(user=agency, agreement_id=offered.pk)
    agreements.sign(user=bishal, agreement_id=offered.pk)

    made = AuditEvent.objects.get(action=Action.AGREEMENT_OFFERED)
    by_agency, by_bishal = AuditEvent.objects.filter(action=Action.AGREEMENT_SIGNED)
    assert (made.actor, made.data["on_behalf_of"]) == (agency, anthony.pk)
    assert (by_agency.actor, by_agency.data["on_behalf_of"]) == (agency, anthony.pk)
    assert by_bishal.actor == bishal and "on_behalf_of" not in by_bishal.data


def test_anthonys_own_offer_names_no_one_else(story: dict[str, User]) -> None:
    anthony = story["anthony"]
    agreements.offer(
        user=anthony, sponsor=anthony, migrant_id=story["bishal"].pk, terms=seed_terms()
    )
    assert "on_behalf_of" not in AuditEvent.objects.get(action=Action.AGREEMENT_OFFERED).data

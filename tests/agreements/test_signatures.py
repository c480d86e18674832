"""An agreement binds when both have signed; pay and the gain share are stated before."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from vip.agreements import services
from vip.agreements.models import Agreement
from vip.clock import now
from vip.errors import Conflict, Forbidden, Invalid, NotFound
from vip.money import Money
from vip.people import services as people
from vip.people.models import User

from tests.cast import migrant, seed_terms

World = dict[str, User]


def offer(
    world: World, user: User | None = None, migrant_id: int | None = None, **changes: Any
) -> int:
    """Anthony offers Bishal the seeds' terms, with any changes."""
    return services.offer(
        user=user or world["anthony"],
        sponsor=world["anthony"],
        migrant_id=migrant_id or world["bishal"].pk,
        terms=seed_terms(**changes),
    ).pk


def test_the_agreement_is_signed_only_when_both_have_signed(story: World) -> None:
    pk = offer(story)
    assert services.sign(user=story["bishal"], agreement_id=pk).status == "offered"
    with pytest.raises(Conflict):
        services.sign(user=story["bishal"], agreement_id=pk)
    assert services.sign(user=story["anthony"], agreement_id=pk).status == "signed"


def test_a_stranger_cannot_sign_or_see_it(story: World) -> None:
    pk = offer(story)
    with pytest.raises(NotFound):
        services.sign(user=story["carol"], agreement_id=pk)


def test_an_agency_signs_for_the_sponsor_who_delegated_to_it(story: World) -> None:
    people.delegate(sponsor=story["anthony"], agency_id=story["agency"].pk)
    pk = offer(story, user=story["agency"])
    assert services.sign(user=story["agency"], agreement_id=pk).status == "offered"


def test_an_agency_cannot_act_for_a_sponsor_who_did_not_delegate(story: World) -> None:
    with pytest.raises(Forbidden):
        offer(story, user=story["agency"])


@pytest.mark.parametrize("share", ["3/2", "-1", "half", "1/0"])
def test_a_gain_share_must_be_a_fraction_between_zero_and_one(share: str) -> None:
    with pytest.raises(Invalid):
        services.parse_gain_share(share)


def test_pay_must_be_in_the_sponsors_currency(story: World) -> None:
    with pytest.raises(Invalid) as refused:
        offer(story, annual_pay=Money(12_000_00, "CAD"))
    assert refused.value.code == "CURRENCY_MISMATCH"


def test_the_interview_gets_a_private_video_room(story: World) -> None:
    pk = offer(story)
    at = now() + dt.timedelta(days=1)
    first = services.schedule_interview(user=story["bishal"], agreement_id=pk, at=at)
    second = services.schedule_interview(user=story["anthony"], agreement_id=pk, at=at)
    assert first.video_url != second.video_url
    with pytest.raises(Invalid):
        services.schedule_interview(
            user=story["bishal"], agreement_id=pk, at=at.replace(tzinfo=None)
        )


def test_the_gain_baseline_is_the_migrants_home_earnings(story: World) -> None:
    dawa = migrant(story["authority"], "Dawa", home_annual_earnings=3_000_00)
    pk = offer(story, migrant_id=dawa.pk)
    assert Agreement.objects.get(pk=pk).home_annual_earnings == 3_000_00


def test_an_agreement_starts_within_the_parameters_span_of_today(story: World) -> None:
    with pytest.raises(Invalid) as refused:
        offer(story, start_date=dt.date(9999, 12, 1))
    assert refused.value.code == "START_DATE_OUT_OF_RANGE"

"""An unlawful offer is refused when it is made, by the same rules the application checks; an
offer needs the migrant's home earnings, the baseline of his gain share; a block stops offers,
signatures and interviews both ways."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest

from vip.agreements import services
from vip.calendar import add_months
from vip.clock import now, today
from vip.errors import Forbidden, Invalid
from vip.money import Money
from vip.people import services as people
from vip.people.models import User

from tests.cast import migrant, seed_terms

World = dict[str, User]

# The issue's own case: $1 a year, a 95% share, 120 months, a start two years back.
UNLAWFUL: dict[str, dict[str, Any]] = {
    "PAY_BELOW_FLOOR": {"annual_pay": Money(1_00, "USD")},
    "GAIN_SHARE_ABOVE_MAX": {"gain_share": Fraction(95, 100)},
    "AGREEMENT_TOO_LONG": {"duration_months": 120},
    "START_DATE_IN_PAST": {"start_date": add_months(today(), -24)},
}


def offer(world: World, migrant_: User | None = None, **changes: Any) -> int:
    return services.offer(
        user=world["anthony"],
        sponsor=world["anthony"],
        migrant_id=(migrant_ or world["bishal"]).pk,
        terms=seed_terms(**changes),
    ).pk


@pytest.mark.parametrize("code", sorted(UNLAWFUL))
def test_each_unlawful_term_is_refused_at_the_offer_with_its_code(story: World, code: str) -> None:
    with pytest.raises(Invalid) as refused:
        offer(story, **UNLAWFUL[code])
    assert refused.value.code == code
    assert [r["code"] for r in refused.value.details["reasons"]] == [code]


def test_an_offer_breaking_every_rule_names_each_one(story: World) -> None:
    every = {k: v for changes in UNLAWFUL.values() for k, v in changes.items()}
    with pytest.raises(Invalid) as refused:
        offer(story, **every)
    assert {r["code"] for r in refused.value.details["reasons"]} == set(UNLAWFUL)


def test_an_offer_needs_the_migrants_stated_home_earnings(story: World) -> None:
    dawa = migrant(story["authority"], "Dawa", home_annual_earnings=None)
    with pytest.raises(Invalid) as refused:
        offer(story, dawa)
    assert refused.value.code == "HOME_EARNINGS_NOT_STATED"
    people.update_profile(dawa, {"home_annual_earnings": 0})  # stated: he earned nothing
    assert offer(story, dawa)


def test_an_interview_cannot_be_set_in_the_past(story: World) -> None:
    pk = offer(story)
    with pytest.raises(Invalid) as refused:
        services.schedule_interview(
            user=story["bishal"], agreement_id=pk, at=now() - dt.timedelta(minutes=1)
        )
    assert refused.value.code == "INTERVIEW_IN_PAST"


@pytest.mark.parametrize("blocker", ["anthony", "bishal"])
def test_a_block_either_way_stops_offers_signatures_and_interviews(
    story: World, blocker: str
) -> None:
    pending = offer(story)
    other = "bishal" if blocker == "anthony" else "anthony"
    people.block(user=story[blocker], person_id=story[other].pk)
    attempts: list[Any] = [
        lambda: offer(story),
        lambda: services.sign(user=story["bishal"], agreement_id=pending),
        lambda: services.schedule_interview(
            user=story["anthony"], agreement_id=pending, at=now() + dt.timedelta(days=1)
        ),
    ]
    for attempt in attempts:
        with pytest.raises(Forbidden) as refused:
            attempt()
        assert refused.value.code == "PERSON_BLOCKED"


def test_a_block_between_others_stops_nothing(story: World) -> None:
    people.block(user=story["carol"], person_id=story["bishal"].pk)
    pk = offer(story)
    assert services.sign(user=story["bishal"], agreement_id=pk).migrant_signed_at is not None

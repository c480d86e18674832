"""An offer is declined by the migrant, withdrawn by the sponsor, or expires after
agreement.offer_valid_days; a pair has one pending offer at a time; GET /me/agreements lists
them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from vip.agreements import services
from vip.agreements.models import Agreement
from vip.clock import now
from vip.errors import Conflict, Forbidden
from vip.people.models import User

from tests.cast import Api, seed_terms

World = dict[str, User]


def offer(world: World, to: str = "bishal", by: str = "anthony", **changes: Any) -> int:
    return services.offer(
        user=world[by],
        sponsor=world[by],
        migrant_id=world[to].pk,
        terms=seed_terms(**changes),
    ).pk


def test_the_migrant_declines_and_the_offer_can_no_longer_be_signed(story: World) -> None:
    pk = offer(story)
    with pytest.raises(Forbidden) as refused:
        services.decline(user=story["anthony"], agreement_id=pk)
    assert refused.value.code == "NOT_THE_MIGRANT"
    assert services.decline(user=story["bishal"], agreement_id=pk).status == "declined"
    with pytest.raises(Conflict) as late:
        services.sign(user=story["anthony"], agreement_id=pk)
    assert (late.value.code, late.value.details["status"]) == ("OFFER_NOT_PENDING", "declined")


def test_the_sponsor_withdraws_an_offer_not_yet_signed_by_both(story: World) -> None:
    pk = offer(story)
    services.sign(user=story["anthony"], agreement_id=pk)
    with pytest.raises(Forbidden) as refused:
        services.withdraw(user=story["bishal"], agreement_id=pk)
    assert refused.value.code == "NOT_SPONSOR"
    assert services.withdraw(user=story["anthony"], agreement_id=pk).status == "withdrawn"
    with pytest.raises(Conflict) as again:
        services.decline(user=story["bishal"], agreement_id=pk)
    assert again.value.code == "OFFER_NOT_PENDING"


def test_a_signed_agreement_is_no_longer_an_offer_to_withdraw(story: World) -> None:
    pk = offer(story)
    for party in ("anthony", "bishal"):
        services.sign(user=story[party], agreement_id=pk)
    with pytest.raises(Conflict) as refused:
        services.withdraw(user=story["anthony"], agreement_id=pk)
    assert refused.value.code == "OFFER_NOT_PENDING"


def test_an_offer_expires_after_the_parameters_days(story: World, api: Api) -> None:
    pk = offer(story)
    agreement = Agreement.objects.get(pk=pk)
    assert agreement.expires_at is not None
    assert agreement.expires_at - agreement.created_at == dt.timedelta(days=30)  # the US's
    Agreement.objects.filter(pk=pk).update(expires_at=now() - dt.timedelta(seconds=1))
    assert api.get(f"/agreements/{pk}", as_=story["bishal"])[1]["status"] == "expired"
    with pytest.raises(Conflict) as refused:
        services.sign(user=story["bishal"], agreement_id=pk)
    assert refused.value.code == "OFFER_NOT_PENDING"
    assert offer(story)  # the pair may have a new one


def test_a_pair_has_one_pending_offer_at_a_time(story: World) -> None:
    pk = offer(story)
    with pytest.raises(Conflict) as refused:
        offer(story, annual_pay=seed_terms().annual_pay.times(2))
    assert refused.value.code == "OFFER_PENDING"
    assert offer(story, by="carol")  # another sponsor may offer him too
    services.withdraw(user=story["anthony"], agreement_id=pk)
    assert offer(story)


def test_my_agreements_are_mine_newest_first_and_paged(story: World, api: Api) -> None:
    first = offer(story)
    services.withdraw(user=story["anthony"], agreement_id=first)
    second = offer(story)
    status, page = api.get("/me/agreements?limit=1", as_=story["bishal"])
    assert status == 200
    assert [a["id"] for a in page["results"]] == [second]
    status, rest = api.get(f"/me/agreements?limit=1&cursor={page['next']}", as_=story["bishal"])
    assert [(a["id"], a["status"]) for a in rest["results"]] == [(first, "withdrawn")]
    assert rest["next"] is None
    assert api.get("/me/agreements", as_=story["carol"])[1]["results"] == []


def test_declining_and_withdrawing_through_the_api(story: World, api: Api) -> None:
    pk = offer(story)
    assert api.post(f"/agreements/{pk}/decline", as_=story["carol"])[0] == 404
    assert api.post(f"/agreements/{pk}/decline", as_=story["bishal"])[1]["status"] == "declined"
    status, body = api.post(f"/agreements/{pk}/withdraw", as_=story["anthony"])
    assert (status, body["error"]["code"]) == (409, "OFFER_NOT_PENDING")

"""Either side blocks, or complains about a visa: the pair is never shown to each other again."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from vip.matching import indexes, selectors
from vip.matching import services as matching
from vip.matching.ranking.records import Level
from vip.matching.services import LanguageNeed
from vip.people.models import User
from vip.visas import services as visas

from tests.cast import Api, active_visa, fitting_bishal, migrant

Capture = Callable[..., AbstractContextManager[Any]]
ENGLISH = fitting_bishal(languages=(LanguageNeed("en", Level.B1),))


def test_a_sponsor_who_blocks_a_migrant_never_sees_him_nor_is_seen_by_him(
    story: dict[str, User], api: Api, django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    request = matching.create_request(user=anthony, sponsor=anthony, criteria=ENGLISH)
    assert bishal.pk in [c.id for c in selectors.candidates(request.pk, 20)]
    with django_capture_on_commit_callbacks(execute=True):
        status, _ = api.post("/me/blocks", {"person": bishal.pk}, as_=anthony)
    assert status == 201
    assert bishal.pk not in [c.id for c in selectors.candidates(request.pk, 20)]
    assert request.pk not in [r.id for r in selectors.opportunities(bishal.pk, 20)]


def test_a_migrant_who_blocks_a_sponsor_never_sees_his_requests(
    story: dict[str, User], api: Api, django_capture_on_commit_callbacks: Capture
) -> None:
    carol, bishal = story["carol"], story["bishal"]
    request = matching.create_request(user=carol, sponsor=carol, criteria=ENGLISH)
    assert request.pk in [r.id for r in selectors.opportunities(bishal.pk, 20)]
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post("/me/blocks", {"person": carol.pk}, as_=bishal)[0] == 201
    assert request.pk not in [r.id for r in selectors.opportunities(bishal.pk, 20)]
    assert bishal.pk not in [c.id for c in selectors.candidates(request.pk, 20)]


def test_only_a_counterpart_can_be_blocked(story: dict[str, User], api: Api) -> None:
    status, body = api.post("/me/blocks", {"person": story["carol"].pk}, as_=story["anthony"])
    assert (status, body["error"]["code"]) == (422, "BLOCK_NOT_A_COUNTERPART")
    status, body = api.post("/me/blocks", {"person": 10**9}, as_=story["anthony"])
    assert (status, body["error"]["code"]) == (404, "PERSON_NOT_FOUND")


def test_who_complains_about_a_visa_has_reported_the_other_party(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    carol = story["carol"]
    dawa = migrant(story["authority"], "Dawa", languages=[{"code": "en", "level": "B1"}])
    visa = active_visa(carol, dawa)
    assert not indexes.current().blocks.blocked(carol.pk, dawa.pk)
    with django_capture_on_commit_callbacks(execute=True):
        visas.file_complaint(user=dawa, visa_id=visa.pk, category="housing", text="no heating")
    assert indexes.current().blocks.blocked(carol.pk, dawa.pk)

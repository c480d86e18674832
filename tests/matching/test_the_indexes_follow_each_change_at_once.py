"""Once a change commits, the indexes update that one record in place: a profile, a verification,
a signature, a visa. No rebuild (the same indexes object answers before and after)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from vip.agreements import services as agreements
from vip.matching import indexes, selectors
from vip.matching import services as matching
from vip.matching.models import SponsorshipRequest
from vip.matching.ranking.records import Level
from vip.matching.services import LanguageNeed
from vip.people import services as people
from vip.people.models import User
from vip.visas import services as visas

from tests.cast import fitting_bishal, insurance, migrant, seed_terms, signed_agreement

Capture = Callable[..., AbstractContextManager[Any]]


def carols_request(story: dict[str, User]) -> SponsorshipRequest:
    carol = story["carol"]
    return matching.create_request(
        user=carol,
        sponsor=carol,
        criteria=fitting_bishal(languages=(LanguageNeed("en", Level.B1),), clean_record=True),
    )


def shown(request: SponsorshipRequest) -> list[int]:
    return [c.id for c in selectors.candidates(request.pk, 20)]


def test_a_profile_change_shows_at_once(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    bishal, request = story["bishal"], carols_request(story)
    built = indexes.current()
    assert bishal.pk in shown(request)
    with django_capture_on_commit_callbacks(execute=True):
        people.update_profile(bishal, {"languages": [{"code": "ne", "level": "native"}]})
    assert bishal.pk not in shown(request)
    with django_capture_on_commit_callbacks(execute=True):
        people.update_profile(bishal, {"languages": [{"code": "en", "level": "C1"}]})
    [found] = [c for c in selectors.candidates(request.pk, 20) if c.id == bishal.pk]
    assert "speaks en C1" in tuple(map(str, found.reasons))
    assert indexes.current() is built


def test_a_verification_shows_at_once(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    bishal, request = story["bishal"], carols_request(story)
    built = indexes.current()
    with django_capture_on_commit_callbacks(execute=True):
        people.record_verification(
            authority=story["authority"],
            person_id=bishal.pk,
            kind="criminal_record",
            result="not_clear",
        )
    assert bishal.pk not in shown(request)
    assert indexes.current() is built


def test_a_migrant_with_a_signed_agreement_then_a_visa_disappears_at_once(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    anthony, bishal, request = story["anthony"], story["bishal"], carols_request(story)
    built = indexes.current()
    assert bishal.pk in shown(request)
    with django_capture_on_commit_callbacks(execute=True):
        agreement = signed_agreement(anthony, bishal)
    assert bishal.pk not in shown(request)
    assert built.jurisdictions["US"].candidates.record(bishal.pk).signed_agreement
    with django_capture_on_commit_callbacks(execute=True):
        visa = visas.apply(user=anthony, agreement_id=agreement.pk, insurance=insurance(agreement))
    assert visa.status == "approved"
    assert built.jurisdictions["US"].candidates.record(bishal.pk).holds_visa
    assert bishal.pk not in shown(request)
    assert indexes.current() is built


def test_a_sponsor_whose_agreement_is_signed_leaves_the_migrants_opportunities(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    bishal, request = story["bishal"], carols_request(story)
    dawa = migrant(story["authority"], "Dawa", languages=[{"code": "en", "level": "B1"}])
    assert request.pk in [r.id for r in selectors.opportunities(bishal.pk, 20)]
    with django_capture_on_commit_callbacks(execute=True):
        offer = agreements.offer(
            user=story["carol"],
            sponsor=story["carol"],
            migrant_id=dawa.pk,
            terms=seed_terms(start_date=request.created_at.date(), sector=None),
        )
        agreements.sign(user=story["carol"], agreement_id=offer.pk)
        agreements.sign(user=dawa, agreement_id=offer.pk)
    assert request.pk not in [r.id for r in selectors.opportunities(bishal.pk, 20)]


def test_a_new_code_rebuilds_the_indexes_with_it(
    story: dict[str, User], django_capture_on_commit_callbacks: Capture
) -> None:
    request = carols_request(story)
    built = indexes.current()
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = migrant(
            story["authority"],
            "Dawa",
            languages=[{"code": "en", "level": "B2"}, {"code": "dz", "level": "native"}],
            soft_criteria=["pay"],  # met by the request, so listed (a score of 0 is not)
        )
        people.record_verification(
            authority=story["authority"],
            person_id=newcomer.pk,
            kind="criminal_record",
            result="clear",
        )
    assert newcomer.pk in shown(request)
    assert indexes.current() is not built

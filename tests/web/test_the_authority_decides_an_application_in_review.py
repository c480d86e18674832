"""The authority finds an application in review in its queue, reads its reasons and decides it
with a note; the queue is its own (another person gets a 404)."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User
from vip.visas import services
from vip.visas.models import Status, Visa

from tests.cast import insurance, signed_agreement


def in_review(story: dict[str, User]) -> Visa:
    agreement = signed_agreement(story["anthony"], story["bishal"])
    visa = services.apply(
        user=story["anthony"], agreement_id=agreement.pk, insurance=insurance(agreement)
    )
    Visa.objects.filter(pk=visa.pk).update(status=Status.REVIEW)  # as a manual-review country
    return Visa.objects.get(pk=visa.pk)


def test_the_authority_decides_an_application_in_review(story: dict[str, User]) -> None:
    visa = in_review(story)
    client = Client()
    client.force_login(story["authority"])

    queue = client.get("/authority/reviews/").content.decode()
    assert f"/authority/reviews/{visa.pk}/" in queue
    sent = client.post(f"/authority/reviews/{visa.pk}/", {"outcome": "approved", "note": "ok"})

    assert sent.status_code == 302
    visa.refresh_from_db()
    assert (visa.status, visa.decision_note) == (Status.APPROVED, "ok")


def test_the_review_queue_is_not_found_for_a_sponsor(story: dict[str, User]) -> None:
    visa = in_review(story)
    client = Client()
    client.force_login(story["anthony"])

    assert client.get("/authority/reviews/").status_code == 404
    assert client.get(f"/authority/reviews/{visa.pk}/").status_code == 404

"""The authority's queues are paged and filtered: verifications by kind, applications in review by
country; a filter the page does not know shows them all."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User

from tests.people.test_a_person_asks_to_be_verified_with_documents import ask, newcomer
from tests.web.test_the_authority_decides_an_application_in_review import in_review


def test_the_verifications_are_filtered_by_kind(story: dict[str, User]) -> None:
    ann, ben = newcomer("Ann"), newcomer("Ben")
    ask(ann)
    ask(ben, kind="health")
    client = Client()
    client.force_login(story["authority"])

    health = client.get("/authority/verifications/?kind=health").content.decode()
    every = client.get("/authority/verifications/?kind=nonsense").content.decode()

    assert "Ben" in health and "Ann" not in health
    assert "Ben" in every and "Ann" in every


def test_the_applications_in_review_are_filtered_by_country(story: dict[str, User]) -> None:
    visa = in_review(story)  # Anthony's, in Springfield (US)
    client = Client()
    client.force_login(story["authority"])
    link = f"/authority/reviews/{visa.pk}/"

    assert link in client.get("/authority/reviews/?jurisdiction=US").content.decode()
    assert link not in client.get("/authority/reviews/?jurisdiction=CA").content.decode()
    assert link in client.get("/authority/reviews/").content.decode()

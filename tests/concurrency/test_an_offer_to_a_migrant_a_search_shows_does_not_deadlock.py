"""Carol offers Bishal an agreement while a search shows him to Anthony: the search holds the
audit log's head and, at its commit, checks that the migrant its profile view names exists (a
deferred foreign key: a KEY SHARE lock on his row); the offer holds his row, one offer at a time
to him, and waits for the head. Under FOR UPDATE the two waited for each other (PostgreSQL's
deadlock detector then failed one: a 500 under `vip bench api`'s load); the offer's lock is FOR
NO KEY UPDATE, which the key check does not wait for, so both go through."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from vip.agreements import services as agreements
from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.clock import now
from vip.demo.people import seed_request
from vip.matching.models import ProfileView
from vip.people.models import User

from tests.cast import seed_terms
from tests.concurrency.race import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_an_offer_and_a_search_showing_the_same_migrant_both_commit(
    story: dict[str, User],
) -> None:
    anthony, bishal, carol = story["anthony"], story["bishal"], story["carol"]
    request = seed_request()
    head_held = threading.Event()
    offering: list[int] = []

    def search_shows_him() -> None:
        with transaction.atomic(durable=True):
            audit.record(
                actor=anthony,
                action=Action.CANDIDATES_SEARCHED,
                object_type=Subject.REQUEST,
                object_id=request.pk,
                on_behalf_of=anthony,
            )
            head_held.set()
            with connection.cursor() as cursor:
                while True:  # until the offer holds Bishal's row and waits for the head
                    cursor.execute("SELECT cardinality(pg_blocking_pids(%s))", offering or [0])
                    if offering and cursor.fetchone()[0]:
                        break
            ProfileView.objects.create(migrant=bishal, viewer=anthony, request=request, at=now())

    def offer_to_him() -> int:
        head_held.wait(timeout=60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            offering.append(cursor.fetchone()[0])
        terms = seed_terms()
        return agreements.offer(user=carol, sponsor=carol, migrant_id=bishal.pk, terms=terms).pk

    outcomes = race([search_shows_him, offer_to_him])

    assert [o.refusal for o in outcomes] == [None, None]
    assert ProfileView.objects.filter(migrant=bishal, request=request).count() == 1
    assert bishal.agreements_as_migrant.filter(sponsor=carol).count() == 1

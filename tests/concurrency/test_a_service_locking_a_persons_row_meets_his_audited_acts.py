"""A service that serialises on a person's row (one opening, delegation change, verification
request, amnesty intake of his at a time) locks it and then appends its audit event, so waits
for the audit log's head. Meanwhile another transaction may hold that head and, at its commit,
check a foreign key to his row: every audited act of his names him as its actor (a deferred key
check: a KEY SHARE lock). Under FOR UPDATE the two waited for each other and PostgreSQL's
deadlock detector failed one; under FOR NO KEY UPDATE the key check goes through, and two calls
of the service still take turns on the row: each service gives exactly its one allowed outcome.
The agency's lock when it registers people for an auction, the community's and the dividend
account's are the same change and not raced here (their set-up is an auction or a payout)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from vip.audit import services as audit
from vip.audit.models import Action, AuditEvent, Subject
from vip.messaging import services as messaging
from vip.messaging.models import Conversation
from vip.people import services as people
from vip.people.models import Delegation, RequestStatus, User, VerificationRequest
from vip.visas import services as visas
from vip.visas.models import AmnestyApplication

from tests.cast import migrant
from tests.concurrency.race import Outcome, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

World = dict[str, User]
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


@dataclass(frozen=True)
class Locking:
    """A service call that locks `person`'s row, made by `actor` (whose chain its event joins)."""

    person: User
    actor: User
    call: Callable[[], object]
    # What two concurrent calls leave: asserts on their outcomes and the rows they wrote.
    twice: Callable[[list[Outcome[object]]], None]


def opening(world: World) -> Locking:
    anthony, bishal = world["anthony"], world["bishal"]

    def twice(outcomes: list[Outcome[object]]) -> None:
        assert [o.refusal for o in outcomes] == [None, None]
        assert Conversation.objects.filter(sponsor=anthony, migrant=bishal).count() == 1

    return Locking(
        anthony,
        anthony,
        lambda: messaging.open_conversation(user=anthony, counterpart_id=bishal.pk),
        twice,
    )


def delegating(world: World) -> Locking:
    anthony, agency = world["anthony"], world["agency"]

    def twice(outcomes: list[Outcome[object]]) -> None:
        assert [o.refusal for o in outcomes] == [None, None]
        assert Delegation.objects.filter(sponsor=anthony, revoked_at=None).count() == 1

    return Locking(
        anthony, anthony, lambda: people.delegate(sponsor=anthony, agency_id=agency.pk), twice
    )


def revoking(world: World) -> Locking:
    anthony = world["anthony"]
    people.delegate(sponsor=anthony, agency_id=world["agency"].pk)

    def twice(outcomes: list[Outcome[object]]) -> None:
        assert sorted(str(o.code) for o in outcomes) == ["DELEGATION_NOT_FOUND", "None"]
        assert not Delegation.objects.filter(sponsor=anthony, revoked_at=None).exists()

    return Locking(anthony, anthony, lambda: people.revoke_delegation(sponsor=anthony), twice)


def asking(world: World) -> Locking:
    bishal = world["bishal"]

    def ask() -> object:
        upload = SimpleUploadedFile("passport.pdf", PDF, content_type="application/pdf")
        return people.ask_verification(
            person=bishal,
            kind="identity",
            upload=upload,
            document_number="P-77",  # type: ignore[arg-type]
        )

    def twice(outcomes: list[Outcome[object]]) -> None:
        assert [o.refusal for o in outcomes] == [None, None]
        pending = VerificationRequest.objects.filter(
            person=bishal, kind="identity", status=RequestStatus.PENDING
        )
        assert [r.documents.count() for r in pending] == [2]  # both documents join one request

    return Locking(bishal, bishal, ask, twice)


def amnesty(world: World) -> Locking:
    authority = world["authority"]
    rosa = migrant(authority, "Rosa")

    def intake() -> object:
        return visas.amnesty_intake(
            authority=authority,
            person_id=rosa.pk,
            jurisdiction_code="US",
            path="sponsorship",
            received_on=dt.date(2026, 3, 1),
        )

    def twice(outcomes: list[Outcome[object]]) -> None:
        assert sorted(str(o.code) for o in outcomes) == ["AMNESTY_ALREADY_RECORDED", "None"]
        assert AmnestyApplication.objects.filter(person=rosa).count() == 1

    return Locking(rosa, authority, intake, twice)


SERVICES = pytest.mark.parametrize(
    "locking", [opening, delegating, revoking, asking, amnesty], ids=lambda f: f.__name__
)


@SERVICES
def test_the_service_and_an_audited_act_of_the_same_person_both_commit(
    story: World, locking: Callable[[World], Locking]
) -> None:
    service = locking(story)
    chain = audit.chain_of(service.actor, Subject.USER, service.person.pk)
    head_held = threading.Event()
    locker: list[int] = []

    def his_audited_act() -> None:
        with transaction.atomic(durable=True):
            audit.record(
                actor=service.person,
                action=Action.SENSITIVE_READ,
                object_type=Subject.USER,
                object_id=service.person.pk,
                chain=chain,
            )
            head_held.set()
            with connection.cursor() as cursor:
                while True:  # until the service holds his row and waits for the head
                    cursor.execute("SELECT cardinality(pg_blocking_pids(%s))", locker or [0])
                    if locker and cursor.fetchone()[0]:
                        break

    def the_service() -> object:
        head_held.wait(timeout=60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            locker.append(cursor.fetchone()[0])
        return service.call()

    outcomes = race([his_audited_act, the_service])

    assert [o.refusal for o in outcomes] == [None, None]
    assert outcomes[1].value is not None
    his = AuditEvent.objects.filter(actor=service.person, action=Action.SENSITIVE_READ)
    assert his.filter(chain=chain).count() == 1


@SERVICES
def test_two_calls_of_the_service_still_take_turns_on_his_row(
    story: World, locking: Callable[[World], Locking]
) -> None:
    service = locking(story)
    service.twice(race([service.call, service.call]))

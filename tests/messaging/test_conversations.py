"""A conversation opens once either side shows interest; a sponsor has at most the parameterised
number open; contact details stay hidden until both have signed; a party reports or blocks, and
every message is kept and audited."""

from __future__ import annotations

import hashlib

import pytest

from vip.audit.models import Action, AuditEvent
from vip.clock import today
from vip.errors import Conflict, Forbidden, Invalid, NotFound
from vip.messaging import selectors, services
from vip.messaging.models import Message
from vip.people.models import Block, User
from vip.policy.parameters import parameters

from tests.cast import migrant, signed_agreement

World = dict[str, User]


def test_either_side_opens_the_same_conversation(story: World) -> None:
    opened = services.open_conversation(user=story["anthony"], counterpart_id=story["bishal"].pk)
    again = services.open_conversation(user=story["bishal"], counterpart_id=story["anthony"].pk)
    assert again.pk == opened.pk
    assert (opened.sponsor, opened.migrant) == (story["anthony"], story["bishal"])
    assert AuditEvent.objects.filter(action=Action.CONVERSATION_OPENED).count() == 1


def test_a_conversation_is_between_a_sponsor_and_a_migrant(story: World) -> None:
    with pytest.raises(NotFound):
        services.open_conversation(user=story["anthony"], counterpart_id=story["carol"].pk)
    with pytest.raises(NotFound):
        services.open_conversation(user=story["officer"], counterpart_id=story["bishal"].pk)


def test_a_sponsor_has_at_most_the_parameterised_number_of_open_conversations(
    story: World,
) -> None:
    limit = parameters("US", today())["messaging.max_open_conversations"]
    for number in range(limit):
        other = migrant(story["authority"], f"Migrant{number}")
        services.open_conversation(user=other, counterpart_id=story["anthony"].pk)
    with pytest.raises(Conflict) as refused:
        services.open_conversation(user=story["anthony"], counterpart_id=story["bishal"].pk)
    assert refused.value.code == "CONVERSATIONS_LIMIT"
    assert refused.value.details["parameter"] == "messaging.max_open_conversations"


def test_messages_are_kept_and_their_digest_is_in_the_log(story: World) -> None:
    opened = services.open_conversation(user=story["bishal"], counterpart_id=story["anthony"].pk)
    sent = services.send_message(user=story["bishal"], conversation_id=opened.pk, body="Namaste")
    event = AuditEvent.objects.get(action=Action.MESSAGE_SENT)
    assert event.data == {"message": sent.pk, "sha256": hashlib.sha256(b"Namaste").hexdigest()}
    assert [m.body for m in selectors.thread(story["anthony"], opened)] == ["Namaste"]


@pytest.mark.parametrize(
    ("body", "code"), [("  ", "MESSAGE_EMPTY"), ("x" * 2001, "MESSAGE_TOO_LONG")]
)
def test_an_empty_or_overlong_message_is_refused(story: World, body: str, code: str) -> None:
    opened = services.open_conversation(user=story["bishal"], counterpart_id=story["anthony"].pk)
    with pytest.raises(Invalid) as refused:
        services.send_message(user=story["bishal"], conversation_id=opened.pk, body=body)
    assert refused.value.code == code


def test_another_person_does_not_find_the_conversation(story: World) -> None:
    opened = services.open_conversation(user=story["bishal"], counterpart_id=story["anthony"].pk)
    with pytest.raises(NotFound):
        services.send_message(user=story["carol"], conversation_id=opened.pk, body="hello")
    with pytest.raises(NotFound):
        selectors.visible_conversation(story["authority"], opened.pk)


def test_contact_details_stay_hidden_until_both_have_signed(story: World) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    opened = services.open_conversation(user=anthony, counterpart_id=bishal.pk)
    body = "Write to anthony@example.com or call +1 (555) 010-2030; the pay is 12000 a year."
    services.send_message(user=anthony, conversation_id=opened.pk, body=body)
    assert selectors.thread(bishal, opened)[0].body == (
        "Write to […] or call […]; the pay is 12000 a year."
    )
    signed_agreement(anthony, bishal)
    assert selectors.thread(bishal, opened)[0].body == body
    assert Message.objects.get().body == body


def test_blocking_closes_the_conversation_and_keeps_its_messages(story: World) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    opened = services.open_conversation(user=anthony, counterpart_id=bishal.pk)
    services.send_message(user=anthony, conversation_id=opened.pk, body="Pay me a fee first")
    services.report(user=bishal, conversation_id=opened.pk, reason="fee")
    services.block(user=bishal, conversation_id=opened.pk)
    assert Block.objects.filter(blocker=bishal, blocked=anthony).exists()
    with pytest.raises(Conflict) as closed:
        services.send_message(user=anthony, conversation_id=opened.pk, body="hello?")
    assert closed.value.code == "CONVERSATION_CLOSED"
    with pytest.raises(Forbidden) as blocked:
        services.open_conversation(user=anthony, counterpart_id=bishal.pk)
    assert blocked.value.code == "PERSON_BLOCKED"
    assert Message.objects.count() == 1
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        Action.CONVERSATION_REPORTED,
        Action.PERSON_BLOCKED,
        Action.CONVERSATION_CLOSED,
    } <= actions


def test_a_report_names_a_known_reason(story: World) -> None:
    opened = services.open_conversation(user=story["bishal"], counterpart_id=story["anthony"].pk)
    with pytest.raises(Invalid) as refused:
        services.report(user=story["bishal"], conversation_id=opened.pk, reason="rude")
    assert refused.value.code == "REPORT_REASON_UNKNOWN"

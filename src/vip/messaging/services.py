"""Opening a conversation, sending a message, reporting and blocking from it."""

from __future__ import annotations

import hashlib

from django.db import transaction

from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.clock import now, today
from vip.errors import Conflict, Forbidden, Invalid, NotFound
from vip.messaging import rules
from vip.messaging.models import Conversation, Message, Report, ReportReason
from vip.messaging.selectors import counterpart, open_with, visible_conversation
from vip.notifications.models import NotificationKind
from vip.notifications.services import notify
from vip.people.models import Role, User
from vip.people.selectors import blocked
from vip.people.services import make_block
from vip.policy.parameters import parameters

COUNTERPART: dict[str, str] = {Role.SPONSOR: Role.MIGRANT, Role.MIGRANT: Role.SPONSOR}


@transaction.atomic(durable=True)
def open_conversation(*, user: User, counterpart_id: int) -> Conversation:
    """Either side shows interest (a sponsor in a candidate, a migrant in an opportunity); the
    open conversation they have already is the one returned."""
    other = User.objects.filter(
        pk=counterpart_id, role=COUNTERPART.get(user.role), is_active=True
    ).first()
    if other is None:
        raise NotFound("PERSON_NOT_FOUND", "no such person")
    sponsor, migrant = (user, other) if user.role == Role.SPONSOR else (other, user)
    # The sponsor's row serialises his openings, so two at once never pass his limit together.
    User.objects.select_for_update(no_key=True).filter(pk=sponsor.pk).first()
    found = open_with(user, other)
    if found is not None:
        return found
    if blocked(sponsor, migrant):
        raise Forbidden("PERSON_BLOCKED", "one of you has blocked the other")
    if sponsor.community is None:
        raise Invalid("SPONSOR_HAS_NO_COMMUNITY", "the sponsor must live in a registered community")
    limit = parameters(sponsor.community.jurisdiction_id, today())[
        "messaging.max_open_conversations"
    ]
    if Conversation.objects.filter(sponsor=sponsor, closed_at=None).count() >= limit:
        raise Conflict(
            "CONVERSATIONS_LIMIT",
            f"a sponsor has at most {limit} open conversations",
            {"parameter": "messaging.max_open_conversations", "limit": limit},
        )
    conversation = Conversation.objects.create(
        sponsor=sponsor, migrant=migrant, opened_by=user, opened_at=now()
    )
    audit.record(
        actor=user,
        action=Action.CONVERSATION_OPENED,
        object_type=Subject.CONVERSATION,
        object_id=conversation.pk,
        data={"sponsor": sponsor.pk, "migrant": migrant.pk},
    )
    return conversation


@transaction.atomic(durable=True)
def send_message(*, user: User, conversation_id: int, body: str) -> Message:
    conversation = visible_conversation(user, conversation_id)
    if conversation.closed_at is not None:
        raise Conflict("CONVERSATION_CLOSED", "this conversation is closed")
    problem = rules.body_problem(body)
    if problem is not None:
        raise Invalid(problem, f"a message has 1 to {rules.MAX_BODY} characters")
    message = Message.objects.create(
        conversation=conversation, author=user, body=body, sent_at=now()
    )
    notify(counterpart(user, conversation), NotificationKind.MESSAGE_RECEIVED, conversation.pk)
    # The log holds the message's digest: a kept message altered later no longer matches it.
    audit.record(
        actor=user,
        action=Action.MESSAGE_SENT,
        object_type=Subject.CONVERSATION,
        object_id=conversation.pk,
        data={"message": message.pk, "sha256": hashlib.sha256(body.encode()).hexdigest()},
    )
    return message


@transaction.atomic(durable=True)
def report(*, user: User, conversation_id: int, reason: str, details: str = "") -> Report:
    """A party tells the authority what is wrong; the conversation and its messages are kept."""
    conversation = visible_conversation(user, conversation_id)
    if reason not in ReportReason.values:
        raise Invalid("REPORT_REASON_UNKNOWN", f"a reason is one of {ReportReason.values}")
    found = Report.objects.create(
        conversation=conversation,
        reporter=user,
        reason=reason,
        details=details,
        created_at=now(),
    )
    audit.record(
        actor=user,
        action=Action.CONVERSATION_REPORTED,
        object_type=Subject.CONVERSATION,
        object_id=conversation.pk,
        data={"report": found.pk, "reason": reason},
    )
    return found


@transaction.atomic(durable=True)
def block(*, user: User, conversation_id: int) -> Conversation:
    """He blocks the other party: the conversation closes (its messages are kept) and the
    ranking never shows them to each other again."""
    conversation = visible_conversation(user, conversation_id)
    make_block(user=user, other=counterpart(user, conversation))
    if conversation.closed_at is None:
        conversation.closed_at = now()
        conversation.save(update_fields=["closed_at"])
        audit.record(
            actor=user,
            action=Action.CONVERSATION_CLOSED,
            object_type=Subject.CONVERSATION,
            object_id=conversation.pk,
            data={"why": "blocked"},
        )
    return conversation

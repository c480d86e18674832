"""Who may read which conversation, and what each party sees of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet

from vip.agreements.models import Agreement, AgreementStatus
from vip.errors import NotFound
from vip.messaging import rules
from vip.messaging.models import Conversation
from vip.people.models import Role, User

BOUND = (AgreementStatus.SIGNED, AgreementStatus.USED)


def of(user: User) -> Q:
    """The conversations a person is a party to (a sponsor's or a migrant's own)."""
    if user.role == Role.SPONSOR:
        return Q(sponsor=user)
    if user.role == Role.MIGRANT:
        return Q(migrant=user)
    return Q(pk__in=[])


def conversations(user: User) -> QuerySet[Conversation]:
    """His conversations, the latest message first, with the other party."""
    return (
        Conversation.objects.filter(of(user))
        .select_related("sponsor", "migrant")
        .annotate(last_at=Max("messages__sent_at"))
        .order_by("closed_at", "-last_at", "-opened_at", "-id")
    )


def visible_conversation(user: User, conversation_id: int) -> Conversation:
    found = (
        Conversation.objects.filter(of(user), pk=conversation_id)
        .select_related("sponsor", "migrant")
        .first()
    )
    if found is None:
        raise NotFound("CONVERSATION_NOT_FOUND", "no such conversation")
    return found


def open_with(user: User, other: User) -> Conversation | None:
    """The open conversation between the two, whichever side he is."""
    pair = Q(sponsor=user, migrant=other) | Q(sponsor=other, migrant=user)
    return Conversation.objects.filter(pair, closed_at=None).first()


def counterpart(user: User, conversation: Conversation) -> User:
    return conversation.migrant if user.pk == conversation.sponsor_id else conversation.sponsor


def contact_allowed(conversation: Conversation) -> bool:
    """Contact details show once the two have signed an agreement, never before."""
    return Agreement.objects.filter(
        sponsor_id=conversation.sponsor_id,
        migrant_id=conversation.migrant_id,
        status__in=BOUND,
    ).exists()


@dataclass(frozen=True)
class Shown:
    mine: bool
    author: str
    body: str
    sent_at: dt.datetime


def thread(user: User, conversation: Conversation) -> list[Shown]:
    """The messages as this party sees them: contact details hidden until both have signed."""
    allowed = contact_allowed(conversation)
    return [
        Shown(
            mine=m.author_id == user.pk,
            author=m.author.full_name,
            body=rules.shown(m.body, allowed),
            sent_at=m.sent_at,
        )
        for m in conversation.messages.select_related("author")
    ]

"""Where a person stands with each verification he needs, in words (the person's page and the
authority's both read it); no rule here, only the state the people's models hold."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.people.models import (
    FlagState,
    MatchOn,
    RequestStatus,
    Role,
    User,
    VerificationDocument,
    VerificationKind,
    VerificationRequest,
    VerificationResult,
)
from vip.people.rules import DocumentType
from vip.people.selectors import requests_of

KIND_NAMES: dict[str, Promise] = {
    VerificationKind.IDENTITY: _("Identity"),
    VerificationKind.CITIZENSHIP: _("Citizenship"),
    VerificationKind.CRIMINAL_RECORD: _("Criminal record"),
    VerificationKind.HEALTH: _("Health"),
}
KIND_HINTS: dict[str, Promise] = {
    VerificationKind.IDENTITY: _("Your passport or national identity card, and its number."),
    VerificationKind.CITIZENSHIP: _("A passport or certificate that shows your citizenship."),
    VerificationKind.CRIMINAL_RECORD: _("An extract of your criminal record from the police."),
    VerificationKind.HEALTH: _("A doctor's certificate of your health."),
}
# What each person is verified of before the program lets him go further.
NEEDED: dict[str, tuple[VerificationKind, ...]] = {
    Role.SPONSOR: (VerificationKind.IDENTITY, VerificationKind.CITIZENSHIP),
    Role.MIGRANT: (
        VerificationKind.IDENTITY,
        VerificationKind.CRIMINAL_RECORD,
        VerificationKind.HEALTH,
    ),
}
TYPE_NAMES: dict[str, str] = {
    DocumentType.PDF: "PDF",
    DocumentType.JPEG: "JPEG",
    DocumentType.PNG: "PNG",
}
MATCH_NAMES: dict[str, Promise] = {
    MatchOn.DOCUMENT_NUMBER: _("the same identity document number"),
    MatchOn.NAME_BIRTH_DATE_COUNTRY: _("the same name, date of birth and country"),
}
CLEAR, REFUSED, PENDING, FLAGGED, TO_DO = "clear", "refused", "pending", "flagged", "to_do"
STATES: dict[str, Promise] = {
    CLEAR: _("Verified"),
    REFUSED: _("Not verified"),
    PENDING: _("Waiting for the office"),
    FLAGGED: _("Waiting for the office"),
    TO_DO: _("To do"),
}
DETAILS: dict[str, Promise] = {
    PENDING: _("The immigration office checks your documents."),
    FLAGGED: _("Your request matches another account: the office checks that you have only one."),
    TO_DO: _("Upload a document: the office checks it."),
}


@dataclass(frozen=True)
class KindState:
    kind: str
    state: str
    why: str = ""  # the authority's note on a result that is not clear
    documents: list[VerificationDocument] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(KIND_NAMES[self.kind])

    @property
    def label(self) -> str:
        return str(STATES[self.state])

    @property
    def detail(self) -> str:
        found = DETAILS.get(self.state)
        return str(found) if found is not None else ""

    @property
    def tag(self) -> str:
        """The task list's tag colour of the state."""
        return {CLEAR: "done", REFUSED: "later", TO_DO: "to_do"}.get(self.state, "started")


def state_of(kind: str, requests: list[VerificationRequest], person: User) -> KindState:
    """A pending request decides; else the latest result (a refusal with its note); else to do."""
    pending = next(
        (r for r in requests if r.kind == kind and r.status == RequestStatus.PENDING), None
    )
    if pending is not None:
        flagged = pending.flag in (FlagState.OPEN, FlagState.UPHELD)
        return KindState(kind, FLAGGED if flagged else PENDING, "", list(pending.documents.all()))
    latest = person.verifications.filter(kind=kind).order_by("-verified_at", "-id").first()
    if latest is None:
        return KindState(kind, TO_DO)
    if latest.result == VerificationResult.CLEAR:
        return KindState(kind, CLEAR)
    return KindState(kind, REFUSED, latest.note)


def verification_page(person: User) -> list[KindState]:
    """Each kind the person needs, where he stands with it."""
    requests = list(requests_of(person))
    return [state_of(kind, requests, person) for kind in NEEDED.get(person.role, ())]


def kind_name(kind: str) -> str:
    return str(KIND_NAMES.get(kind, kind))


def kind_hint(kind: str) -> str:
    """What to send for the kind."""
    return str(KIND_HINTS.get(kind, ""))


def type_name(content_type: str) -> str:
    return TYPE_NAMES.get(content_type, content_type)


def match_name(on: str) -> str:
    return str(MATCH_NAMES.get(on, on))

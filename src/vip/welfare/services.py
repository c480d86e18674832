"""Check-ins asked, answered and missed; the authority's welfare cases opened, assigned, noted and
closed. The migrant is told of each change to his case; the sponsor is told of nothing here, and
the audit log holds no answer (it says a check-in was answered, never what he said)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction

from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.clock import now, today
from vip.errors import Conflict, Forbidden, Invalid, NotFound, either, role_required
from vip.notifications.models import NotificationKind
from vip.notifications.services import notify, notify_others
from vip.people.models import Role, User
from vip.visas.models import Status, Visa
from vip.visas.selectors import visible_visa
from vip.welfare import rules
from vip.welfare.models import (
    Answer,
    Case,
    CaseNote,
    CaseReason,
    CaseStatus,
    CheckIn,
    CheckInStatus,
    Occasion,
)
from vip.welfare.selectors import (
    REACHABLE,
    UNANSWERED,
    grace_days,
    may_answer,
    may_handle_cases,
    may_reach_authority,
    schedule_of,
    start_of,
    visible_checkin,
)

MAX_TEXT = 4000  # a message or a note, in characters


@dataclass(frozen=True)
class Answers:
    """His answers to the questionnaire (each an `Answer`) and anything else he wants to say."""

    paid_as_agreed: str
    housing_as_agreed: str
    feels_safe: str
    charged_fee: str
    text: str = ""


def _text(value: str, code: str, what: str) -> str:
    text = value.strip()
    if not text:
        raise Invalid(code, f"{what} is empty")
    if len(text) > MAX_TEXT:
        raise Invalid("WELFARE_TEXT_TOO_LONG", f"{what} is longer than {MAX_TEXT} characters")
    return text


def open_case(visa: Visa, reason: CaseReason, actor: User | None, **fields: object) -> Case:
    """Inside its caller's transaction: the case in the authority's queue, logged, and the
    migrant told (unless he opened it himself)."""
    case = Case.objects.create(
        visa=visa, migrant_id=visa.migrant_id, reason=reason, opened_at=now(), **fields
    )
    audit.record(
        actor=actor,
        action=Action.WELFARE_CASE_OPENED,
        object_type=Subject.WELFARE_CASE,
        object_id=case.pk,
        data={"visa": visa.pk, "reason": reason},
    )
    notify_others([visa.migrant], actor, NotificationKind.WELFARE_CASE_CHANGED, case.pk)
    return case


@transaction.atomic(durable=True)
def run_checkins(*, day: dt.date) -> dict[str, int]:
    """The daily job. Each active visa's check-in due by `day` is asked (the migrant is told);
    one not asked on its day (the job did not run, or the visa is older than check-ins) is not
    asked afterwards: the current one is. A check-in unanswered past its due date and the
    jurisdiction's grace is missed, and a case opens on it, once."""
    if day > today():
        raise Invalid("DATE_IN_FUTURE", "check-ins are run on days that have come")
    asked = missed = 0
    for visa in Visa.objects.select_for_update().filter(status=Status.ACTIVE).order_by("pk"):
        started = start_of(visa)
        if started is None:
            continue
        start, first = started
        dates = rules.due_dates(start, day, schedule_of(visa.jurisdiction_id))
        if dates and not CheckIn.objects.filter(visa=visa, due_on__gte=dates[-1]).exists():
            occasion = first if len(dates) == 1 else Occasion.INTERVAL
            checkin = CheckIn.objects.create(
                visa=visa, migrant_id=visa.migrant_id, due_on=dates[-1], occasion=occasion
            )
            notify(visa.migrant, NotificationKind.CHECKIN_DUE, checkin.pk)
            asked += 1
        grace = grace_days(visa.jurisdiction_id, day)
        # Locked: an answer being sent waits, and once it is in the check-in is not missed.
        unanswered = CheckIn.objects.select_for_update().filter(visa=visa, status=CheckInStatus.DUE)
        for checkin in unanswered:
            if rules.missed(checkin.due_on, grace, day):
                checkin.status = CheckInStatus.MISSED
                checkin.save(update_fields=["status"])
                open_case(visa, CaseReason.CHECKIN_MISSED, None, checkin=checkin)
                missed += 1
    done = {"asked": asked, "missed": missed}
    if asked or missed:
        audit.record(
            actor=None,
            action=Action.CHECKINS_SCHEDULED,
            object_type=Subject.BATCH,
            object_id=day.isoformat(),
            data=done,
        )
    return done


@transaction.atomic(durable=True)
def answer_checkin(*, user: User, checkin_id: int, answers: Answers) -> CheckIn:
    """The migrant answers his check-in (a late answer to a missed one is welcome too). A
    worrying answer opens a case in the authority's queue."""
    found = visible_checkin(user, checkin_id)
    # The daily job's lock order: the visa, then its check-ins (a case inserted on the visa
    # would otherwise wait on the job's visa lock while the job waits on this check-in).
    Visa.objects.select_for_update().filter(pk=found.visa_id).first()
    checkin = visible_checkin(user, checkin_id, for_update=True)
    if not may_answer(user, checkin):
        raise NotFound("WELFARE_CHECKIN_NOT_FOUND", "no such check-in")
    if checkin.status not in UNANSWERED:
        raise Conflict("WELFARE_CHECKIN_ANSWERED", "this check-in is answered already")
    given = asdict(answers)
    text = given.pop("text").strip()
    for question in rules.QUESTIONS:
        if given[question] not in Answer.values:
            raise Invalid(
                "WELFARE_ANSWER_INVALID",
                f"{question} is {either(Answer)}",
                {"question": question},
            )
    if len(text) > MAX_TEXT:
        raise Invalid("WELFARE_TEXT_TOO_LONG", f"the text is longer than {MAX_TEXT} characters")
    for question, value in given.items():
        setattr(checkin, question, value)
    checkin.text, checkin.status, checkin.answered_at = text, CheckInStatus.ANSWERED, now()
    checkin.save()
    worries = rules.worrying(given)
    audit.record(
        actor=user,
        action=Action.CHECKIN_ANSWERED,
        object_type=Subject.CHECKIN,
        object_id=checkin.pk,
        data={"visa": checkin.visa_id},
    )
    if worries:
        open_case(checkin.visa, CaseReason.WORRYING_ANSWER, user, checkin=checkin)
    return checkin


@transaction.atomic(durable=True)
def reach_authority(*, user: User, visa_id: int, message: str) -> Case:
    """The migrant writes to the immigration office, at any time while his visa is approved or
    active: his message opens a case in its queue."""
    visa = visible_visa(user, visa_id, for_update=True)
    if not may_reach_authority(user, visa):
        raise Forbidden("WELFARE_NOT_THE_MIGRANT", "only the migrant writes to the office here")
    if visa.status not in REACHABLE:
        raise Conflict("WELFARE_VISA_NOT_ACTIVE", f"the visa is {visa.status}, not active")
    text = _text(message, "WELFARE_MESSAGE_EMPTY", "the message")
    return open_case(visa, CaseReason.MIGRANT_MESSAGE, user, message=text)


def _case_to_handle(user: User, case_id: int, *, closed_ok: bool = False) -> Case:
    if not may_handle_cases(user):
        raise role_required(Role.AUTHORITY)
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound("WELFARE_CASE_NOT_FOUND", "no such welfare case")
    if case.status == CaseStatus.CLOSED and not closed_ok:
        raise Conflict("WELFARE_CASE_CLOSED", "the case is closed")
    return case


def _changed(user: User, case: Case, action: Action, fields: list[str]) -> None:
    if fields:
        case.save(update_fields=fields)
    audit.record(
        actor=user,
        action=action,
        object_type=Subject.WELFARE_CASE,
        object_id=case.pk,
        data={"status": case.status},
    )


@transaction.atomic(durable=True)
def read_case(*, reader: User, case_id: int) -> Case:
    """The authority opens a case, the check-in's answers with it: a sensitive read, logged
    (that it was read and by whom, never what it says) as a read of the migrant."""
    case = _case_to_handle(reader, case_id, closed_ok=True)
    audit.record(
        actor=reader,
        action=Action.SENSITIVE_READ,
        object_type=Subject.USER,
        object_id=case.migrant_id,
        data={"welfare_case": case.pk},
    )
    return case


@transaction.atomic(durable=True)
def assign_case(*, user: User, case_id: int, assignee_id: int) -> Case:
    """The authority gives a case to one of its staff; the migrant is told someone has it."""
    case = _case_to_handle(user, case_id)
    assignee = User.objects.filter(pk=assignee_id, role=Role.AUTHORITY, is_active=True).first()
    if assignee is None:
        raise Invalid("ASSIGNEE_NOT_AUTHORITY", "a case is assigned to the authority's staff")
    case.assigned_to, case.status = assignee, CaseStatus.ASSIGNED
    _changed(user, case, Action.WELFARE_CASE_ASSIGNED, ["assigned_to", "status"])
    notify(case.migrant, NotificationKind.WELFARE_CASE_CHANGED, case.pk)
    return case


@transaction.atomic(durable=True)
def note_case(*, user: User, case_id: int, text: str) -> CaseNote:
    """The staff's own note on a case (a call made, a visit planned); the migrant does not read
    it."""
    case = _case_to_handle(user, case_id)
    note = CaseNote.objects.create(
        case=case, author=user, written_at=now(), text=_text(text, "WELFARE_NOTE_EMPTY", "the note")
    )
    _changed(user, case, Action.WELFARE_CASE_NOTED, [])
    return note


@transaction.atomic(durable=True)
def close_case(*, user: User, case_id: int, note: str) -> Case:
    """The authority closes a case with a note to the migrant, who is told and reads it."""
    case = _case_to_handle(user, case_id)
    case.closing_note = _text(note, "WELFARE_NOTE_EMPTY", "the note")
    case.status, case.closed_at = CaseStatus.CLOSED, now()
    _changed(user, case, Action.WELFARE_CASE_CLOSED, ["closing_note", "status", "closed_at"])
    notify(case.migrant, NotificationKind.WELFARE_CASE_CHANGED, case.pk)
    return case

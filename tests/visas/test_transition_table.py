"""The visa's transition table, exhaustively: every (status, event) pair is either the table's
transition or a 409 that names the status and the event."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from vip.clock import today
from vip.errors import Conflict, Forbidden, NotFound
from vip.people.models import User
from vip.visas import services
from vip.visas.lifecycle import REPORTERS, TRANSITIONS
from vip.visas.models import Event, Status, Visa

from tests.cast import active_visa, back_date, signed_agreement, sponsor, visa_for

World = dict[str, User]


def event(world: World, visa: Visa, kind: str, who: str = "authority") -> Visa:
    services.report_event(
        user=world[who], visa_id=visa.pk, kind=kind, occurred_on=today(), details={}
    )
    visa.refresh_from_db()
    return visa


def approved(w: World) -> Visa:
    return visa_for(w["anthony"], w["bishal"])


def refused(w: World) -> Visa:
    agreement = signed_agreement(w["anthony"], w["bishal"])
    return services.apply(user=w["anthony"], agreement_id=agreement.pk, insurance=None)


def review(w: World) -> Visa:
    visa = approved(w)
    Visa.objects.filter(pk=visa.pk).update(status=Status.REVIEW)  # as a manual-review country
    visa.refresh_from_db()
    return visa


def active(w: World) -> Visa:
    return active_visa(w["anthony"], w["bishal"])


def transferred(w: World) -> Visa:
    old = active(w)
    visa_for(w["carol"], w["bishal"])
    old.refresh_from_db()
    return old


PATHS: dict[Status, Callable[[World], Visa]] = {
    Status.REVIEW: review,
    Status.REFUSED: refused,
    Status.APPROVED: approved,
    Status.ACTIVE: active,
    Status.COMPLETED: lambda w: event(w, active(w), "completed"),
    Status.LEFT: lambda w: event(w, active(w), "left"),
    Status.TRANSFERRED: transferred,
    Status.REVOKED: lambda w: event(w, active(w), "crime_convicted"),
    Status.ABSCONDED: lambda w: event(w, active(w), "disappeared"),
    Status.DEPORTED: lambda w: event(
        w, event(w, event(w, active(w), "crime_convicted"), "sentence_served"), "deported"
    ),
}


def test_every_status_is_reachable_by_its_path(story: World) -> None:
    assert set(PATHS) == set(Status)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("kind", list(Event))
def test_the_authority_moves_a_visa_only_along_the_table(
    story: World, status: Status, kind: Event
) -> None:
    visa = PATHS[status](story)
    assert visa.status == status
    if status == Status.REVOKED and kind == Event.DEPORTED:
        event(story, visa, "sentence_served")  # the order takes effect when the sentence ends
    target = TRANSITIONS.get((status, kind))
    if target is None:
        with pytest.raises(Conflict) as refused:
            event(story, visa, kind.value)
        assert refused.value.code == "TRANSITION_NOT_ALLOWED"
        assert refused.value.details == {"status": status.value, "event": kind.value}
        assert Visa.objects.get(pk=visa.pk).status == status
    else:
        assert event(story, visa, kind.value).status == target


def status_taking(kind: Event) -> Status:
    """A status in which the event is allowed, the active one where possible."""
    allowed = [status for status, e in TRANSITIONS if e == kind]
    return Status.ACTIVE if Status.ACTIVE in allowed else allowed[0]


@pytest.mark.parametrize("kind", list(Event))
@pytest.mark.parametrize("who", ["anthony", "bishal"])
def test_sponsor_and_migrant_report_only_their_own_events(
    story: World, kind: Event, who: str
) -> None:
    start = status_taking(kind)
    visa = PATHS[start](story)
    if (who, kind) == ("anthony", Event.COMPLETED):
        with pytest.raises(Forbidden) as early:
            event(story, visa, kind.value, who)
        assert early.value.code == "COMPLETION_BEFORE_END"
    elif story[who].role in REPORTERS[kind]:
        assert event(story, visa, kind.value, who).status == TRANSITIONS[start, kind]
    else:
        with pytest.raises(Forbidden) as refused:
            event(story, visa, kind.value, who)
        assert refused.value.code == "EVENT_NOT_PERMITTED"


def test_a_stranger_is_told_the_visa_does_not_exist(story: World) -> None:
    visa = active(story)
    quinn = sponsor(story["authority"], "Quinn")
    with pytest.raises(NotFound):
        services.report_event(
            user=quinn, visa_id=visa.pk, kind="completed", occurred_on=today(), details={}
        )


def test_a_deportation_waits_for_the_sentence_to_end(story: World) -> None:
    visa = event(story, active(story), "crime_convicted")
    with pytest.raises(Conflict) as refused:
        event(story, visa, "deported")
    assert refused.value.code == "DEPORTATION_NOT_EFFECTIVE"


def test_every_status_change_is_recorded_with_who_when_and_why(story: World) -> None:
    visa = PATHS[Status.DEPORTED](story)
    changes = list(visa.status_changes.values_list("from_status", "to_status", "event"))
    assert changes == [
        ("", "approved", "applied"),
        ("approved", "active", "arrived"),
        ("active", "revoked", "crime_convicted"),
        ("revoked", "deported", "deported"),
    ]
    assert all(c.actor_id and c.at for c in visa.status_changes.all())


def test_the_sponsor_records_completion_once_the_agreement_has_run_its_term(story: World) -> None:
    visa = visa_for(story["anthony"], story["bishal"])
    back_date(visa.agreement, months=12)
    event(story, visa, "arrived", "anthony")
    assert event(story, visa, "completed", "anthony").status == Status.COMPLETED


def test_a_visa_completes_by_itself_when_its_agreement_ends(story: World) -> None:
    visa = visa_for(story["anthony"], story["bishal"])
    back_date(visa.agreement, months=12)
    event(story, visa, "arrived", "anthony")
    event(story, visa, "unemployed", "anthony")
    assert services.complete_ended_visas(day=today()) == 1
    visa.refresh_from_db()
    change = visa.status_changes.last()
    assert (visa.status, change.event, change.actor) == (Status.COMPLETED, "term_ended", None)
    assert visa.support_obligations.get().ended_on == today()
    assert services.complete_ended_visas(day=today()) == 0


def test_a_visa_still_in_its_term_is_left_active(story: World) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    assert services.complete_ended_visas(day=today()) == 0
    assert Visa.objects.get(pk=visa.pk).status == Status.ACTIVE

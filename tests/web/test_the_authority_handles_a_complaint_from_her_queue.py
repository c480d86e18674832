"""The authority finds an open complaint in her queue (the escalated first, then the oldest,
filtered), assigns it to another of the staff, answers it, escalates it and resolves it from its
page; Bishal is told each time and reads the answer on his complaints page."""

from __future__ import annotations

from django.test import Client

from vip.notifications.models import Notification, NotificationKind
from vip.people.models import Role, User
from vip.visas import services
from vip.visas.models import ComplaintStatus

from tests.cast import active_visa, official


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_authority_answers_a_complaint_that_bishal_then_reads(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    visa = active_visa(story["anthony"], bishal)
    complaint = services.file_complaint(user=bishal, visa_id=visa.pk, category="pay", text="late")
    olga = official(authority, "Olga", Role.AUTHORITY)
    office = client_of(authority)
    page = f"/authority/complaints/{complaint.pk}/"

    assert page in office.get("/authority/complaints/").content.decode()
    assert "Complaints not yet resolved" in office.get("/authority/").content.decode()
    assert office.post(page + "assign/", {"assign-assignee": olga.pk})["Location"] == page
    office.post(page + "answer/", {"answer-text": "We call your sponsor today."})
    office.post(page + "escalate/", {"escalate-note": "third complaint on this sponsor"})
    assert office.post(page + "resolve/")["Location"] == page

    complaint.refresh_from_db()
    assert (complaint.status, complaint.assigned_to, complaint.escalated_at is not None) == (
        ComplaintStatus.RESOLVED,
        olga,
        True,
    )
    assert (
        Notification.objects.filter(person=bishal, kind=NotificationKind.COMPLAINT_CHANGED).count()
        == 4
    )
    mine = client_of(bishal).get(f"/migrant/visas/{visa.pk}/complaints/").content.decode()
    assert "We call your sponsor today." in mine and "Closed" in mine
    assert "third complaint" not in mine  # the escalation's note is the staff's


def test_a_refused_action_is_said_on_the_complaints_page(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    visa = active_visa(story["anthony"], bishal)
    closed = services.file_complaint(user=bishal, visa_id=visa.pk, category="pay", text="late")
    services.resolve_complaint(user=story["authority"], complaint_id=closed.pk)
    still = services.file_complaint(user=bishal, visa_id=visa.pk, category="pay", text="again")
    office = client_of(story["authority"])

    refused = office.post(f"/authority/complaints/{closed.pk}/answer/", {"answer-text": "late"})
    wrong = office.post(
        f"/authority/complaints/{still.pk}/assign/", {"assign-assignee": story["carol"].pk}
    )
    empty = office.post(f"/authority/complaints/{still.pk}/answer/", {"answer-text": ""})

    assert refused.status_code == 200 and "COMPLAINT_RESOLVED" in refused.content.decode()
    assert 'id="id_assign-assignee-error"' in wrong.content.decode()  # Carol is not of the staff
    assert 'href="#id_answer-text"' in empty.content.decode()
    assert office.post(f"/authority/complaints/{still.pk}/nonsense/").status_code == 404


def test_the_queue_puts_the_escalated_first_and_filters(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    visa = active_visa(story["anthony"], bishal)
    older = services.file_complaint(user=bishal, visa_id=visa.pk, category="pay", text="a")
    newer = services.file_complaint(user=bishal, visa_id=visa.pk, category="safety", text="b")
    services.escalate_complaint(user=authority, complaint_id=newer.pk, note="danger")
    office = client_of(authority)

    queue = office.get("/authority/complaints/").content.decode()
    only_pay = office.get("/authority/complaints/", {"category": "pay"}).content.decode()
    escalated = office.get("/authority/complaints/", {"escalated": "on"}).content.decode()

    first, second = f"/authority/complaints/{newer.pk}/", f"/authority/complaints/{older.pk}/"
    assert queue.index(first) < queue.index(second)
    assert second in only_pay and first not in only_pay
    assert first in escalated and second not in escalated

"""A complaint goes from open to assigned, answered and resolved (escalated on the way, once), by
the authority alone; the person who filed it is told of each change and follows it in
GET /me/complaints."""

from __future__ import annotations

import pytest

from vip.errors import Conflict, Forbidden, Invalid
from vip.notifications.models import Notification, NotificationKind
from vip.notifications.selectors import notices
from vip.people.models import User
from vip.visas import services

from tests.cast import Api, active_visa

World = dict[str, User]


def test_bishal_follows_his_complaint_from_open_to_resolved(story: World, api: Api) -> None:
    bishal, authority = story["bishal"], story["authority"]
    visa = active_visa(story["anthony"], bishal)
    status, filed = api.post(
        f"/visas/{visa.pk}/complaints", {"category": "housing", "text": "no heating"}, as_=bishal
    )
    assert (status, filed["status"]) == (201, "open")
    pk = filed["id"]
    assigned = api.post(f"/complaints/{pk}/assign", {"assignee": authority.pk}, as_=authority)[1]
    assert (assigned["status"], assigned["assigned_to"]) == ("assigned", authority.pk)
    api.post(f"/complaints/{pk}/answer", {"text": "the heating is fixed Monday"}, as_=authority)
    [mine] = api.get("/me/complaints", as_=bishal)[1]
    assert (mine["status"], mine["answer"]) == ("answered", "the heating is fixed Monday")
    assert api.post(f"/complaints/{pk}/resolve", as_=authority)[1]["status"] == "resolved"
    status, closed = api.post(f"/complaints/{pk}/answer", {"text": "more"}, as_=authority)
    assert (status, closed["error"]["code"]) == (409, "COMPLAINT_RESOLVED")
    assert api.get("/me/complaints", as_=story["anthony"])[1] == []


def test_only_the_authority_handles_a_complaint_and_only_to_its_staff(story: World) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    complaint = services.file_complaint(
        user=story["bishal"], visa_id=visa.pk, category="pay", text="unpaid hours"
    )
    with pytest.raises(Forbidden):
        services.resolve_complaint(user=story["bishal"], complaint_id=complaint.pk)
    with pytest.raises(Invalid) as refused:
        services.assign_complaint(
            user=story["authority"], complaint_id=complaint.pk, assignee_id=story["carol"].pk
        )
    assert refused.value.code == "ASSIGNEE_NOT_AUTHORITY"
    services.resolve_complaint(user=story["authority"], complaint_id=complaint.pk)
    with pytest.raises(Conflict):
        services.resolve_complaint(user=story["authority"], complaint_id=complaint.pk)


def test_an_escalated_complaint_stays_escalated_once(story: World, api: Api) -> None:
    bishal, authority = story["bishal"], story["authority"]
    visa = active_visa(story["anthony"], bishal)
    filed = api.post(
        f"/visas/{visa.pk}/complaints", {"category": "safety", "text": "locked in"}, as_=bishal
    )[1]
    pk = filed["id"]

    status, raised = api.post(f"/complaints/{pk}/escalate", {"note": "danger"}, as_=authority)
    assert (status, raised["status"]) == (200, "open") and raised["escalated_at"]
    status, again = api.post(f"/complaints/{pk}/escalate", {"note": "x"}, as_=authority)
    assert (status, again["error"]["code"]) == (409, "COMPLAINT_ALREADY_ESCALATED")
    [mine] = api.get("/me/complaints", as_=bishal)[1]
    assert mine["escalated_at"] == raised["escalated_at"]


def test_the_one_who_filed_is_told_of_each_change(story: World) -> None:
    bishal, authority = story["bishal"], story["authority"]
    visa = active_visa(story["anthony"], bishal)
    complaint = services.file_complaint(
        user=bishal, visa_id=visa.pk, category="pay", text="unpaid hours"
    )
    pk = complaint.pk
    services.assign_complaint(user=authority, complaint_id=pk, assignee_id=authority.pk)
    services.escalate_complaint(user=authority, complaint_id=pk, note="third of its kind")
    services.answer_complaint(user=authority, complaint_id=pk, text="we visit on Monday")
    services.resolve_complaint(user=authority, complaint_id=pk)

    told = Notification.objects.filter(person=bishal, kind=NotificationKind.COMPLAINT_CHANGED)
    assert [n.about_id for n in told] == [visa.pk] * 4
    assert notices(bishal)[0].path == f"/migrant/visas/{visa.pk}/complaints/"
    assert not Notification.objects.filter(
        person=story["anthony"], kind=NotificationKind.COMPLAINT_CHANGED
    )

"""A complaint goes from open to assigned, answered and resolved, by the authority alone; the
person who filed it follows it in GET /me/complaints."""

from __future__ import annotations

import pytest

from vip.errors import Conflict, Forbidden, Invalid
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

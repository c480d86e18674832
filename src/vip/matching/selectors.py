"""Who may see which sponsorship request."""

from __future__ import annotations

from vip.errors import NotFound
from vip.matching.models import SponsorshipRequest
from vip.people.models import Role, User
from vip.people.selectors import acts_for


def visible_request(user: User, request_id: int) -> SponsorshipRequest:
    found = SponsorshipRequest.objects.select_related("sponsor").filter(pk=request_id).first()
    if found is None or not (user.role == Role.AUTHORITY or acts_for(user, found.sponsor)):
        raise NotFound("REQUEST_NOT_FOUND", "no such request")
    return found

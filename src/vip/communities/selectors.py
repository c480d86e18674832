from __future__ import annotations

import datetime as dt

from vip.communities.models import Community, CommunityRules


def rules_on(community: Community, day: dt.date) -> CommunityRules | None:
    """The rules in force: the latest effective on or before the day (none: no limits)."""
    return (
        community.rules.filter(effective_from__lte=day).order_by("-effective_from", "-id").first()
    )

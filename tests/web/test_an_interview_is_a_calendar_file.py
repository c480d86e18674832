"""The interview's calendar file: its time in UTC, an hour long, the room's link, lines folded at
75 octets and text escaped as RFC 5545 says; each person's time zone is his country's."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from vip.agreements import services as agreements
from vip.people.models import User
from vip.people.selectors import time_zone
from vip.web.ics import invitation

from tests.cast import seed_terms


def test_each_person_keeps_his_countrys_time_zone(story: dict[str, User]) -> None:
    assert time_zone(story["anthony"]) == "America/New_York"
    assert time_zone(story["bishal"]) == "Asia/Kathmandu"


def test_the_calendar_file_holds_the_time_in_utc_and_the_room(story: dict[str, User]) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    offer = agreements.offer(
        user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms()
    )
    at = dt.datetime.now(ZoneInfo("America/New_York")).replace(microsecond=0) + dt.timedelta(days=2)
    interview = agreements.schedule_interview(user=anthony, agreement_id=offer.pk, at=at)
    text = invitation(interview, "Interview: Anthony, Bishal", "a; long " * 20, "vip.example")
    lines = text.split("\r\n")
    start = at.astimezone(dt.UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in lines
    assert f"DTEND:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%SZ}" in lines
    assert f"URL:{interview.video_url}" in lines
    assert "SUMMARY:Interview: Anthony\\, Bishal" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "DESCRIPTION:" + "a\\; long " * 20 in unfolded
    assert text.endswith("END:VCALENDAR\r\n")

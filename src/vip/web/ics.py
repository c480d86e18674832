"""An interview as an iCalendar file (RFC 5545) that any calendar imports."""

from __future__ import annotations

import datetime as dt

from vip.agreements.models import Interview
from vip.clock import now

INTERVIEW_MINUTES = 60
STAMP = "%Y%m%dT%H%M%SZ"


def escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def folded(line: str) -> str:
    """Lines of at most 75 octets, each continuation starting with a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " "
        current += char
    return "\r\n".join([*out, current])


def invitation(interview: Interview, summary: str, description: str, host: str) -> str:
    start = interview.at.astimezone(dt.UTC)
    end = start + dt.timedelta(minutes=INTERVIEW_MINUTES)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//VIP platform//interview//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:interview-{interview.pk}@{host}",
        f"DTSTAMP:{now().astimezone(dt.UTC).strftime(STAMP)}",
        f"DTSTART:{start.strftime(STAMP)}",
        f"DTEND:{end.strftime(STAMP)}",
        f"SUMMARY:{escaped(summary)}",
        f"DESCRIPTION:{escaped(description)}",
        f"LOCATION:{escaped(interview.video_url)}",
        f"URL:{interview.video_url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(folded(line) for line in lines) + "\r\n"

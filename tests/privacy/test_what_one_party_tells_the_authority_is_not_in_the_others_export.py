"""A complaint about a visa, a report of a conversation and a welfare check-in hang on what both
parties share, which each one's export follows: each is exported to the one who made it, never to
the other party."""

from __future__ import annotations

import json

from vip.messaging import services as messaging
from vip.people.models import User
from vip.privacy import services as privacy
from vip.visas import services as visas

from tests.cast import active_visa


def test_bishals_complaint_and_report_are_in_his_export_not_anthonys(
    story: dict[str, User],
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    visa = active_visa(anthony, bishal)
    visas.file_complaint(
        user=bishal, visa_id=visa.pk, category="pay", text="My November wages are unpaid."
    )
    opened = messaging.open_conversation(user=anthony, counterpart_id=bishal.pk)
    messaging.report(
        user=bishal, conversation_id=opened.pk, reason="fee", details="He asked me for $500."
    )

    his = json.dumps(privacy.export(user=bishal), default=str)
    sponsors = privacy.export(user=anthony)

    assert "My November wages are unpaid." in his and "He asked me for $500." in his
    assert not {"visas.Complaint", "messaging.Report"} & set(sponsors["records"])
    assert "visas.Visa" in sponsors["records"]  # what they share is still his too

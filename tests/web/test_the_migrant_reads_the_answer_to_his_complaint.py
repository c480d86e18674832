"""The answer the authority gives a complaint is on the migrant's complaints page."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User
from vip.visas import services

from tests.cast import active_visa


def test_the_migrant_reads_the_answer_to_his_complaint(story: dict[str, User]) -> None:
    bishal = story["bishal"]
    visa = active_visa(story["anthony"], bishal)
    complaint = services.file_complaint(user=bishal, visa_id=visa.pk, category="pay", text="late")
    services.answer_complaint(user=story["authority"], complaint_id=complaint.pk, text="We call.")
    client = Client()
    client.force_login(bishal)

    page = client.get(f"/migrant/visas/{visa.pk}/complaints/").content.decode()

    assert "We call." in page

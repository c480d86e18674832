"""Anthony opens Bishal's page from his candidates (what he may see of him, the reasons), keeps him
on the request's shortlist and takes him off; another sponsor finds neither page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from vip.audit.models import Action, AuditEvent
from vip.demo.people import seed_request
from vip.matching.models import ProfileView, ShortlistEntry
from vip.people.models import User


def test_anthony_reads_bishals_page_and_keeps_him(story: dict[str, User]) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    request = seed_request()
    client = Client()
    client.force_login(anthony)
    page = reverse("web:candidate", args=[request.pk, bishal.pk])

    shown = client.get(page).content.decode()
    assert "Bishal" in shown and "speaks" not in shown and "Speaks English (B2)" in shown
    assert ProfileView.objects.filter(migrant=bishal, viewer=anthony).exists()  # he sees who

    client.post(reverse("web:candidate_keep", args=[request.pk, bishal.pk]), {"keep": "1"})
    assert ShortlistEntry.objects.filter(request=request, migrant=bishal).count() == 1
    listed = client.get(reverse("web:shortlist", args=[request.pk])).content.decode()
    assert page in listed
    client.post(reverse("web:candidate_keep", args=[request.pk, bishal.pk]), {"keep": "0"})
    assert not ShortlistEntry.objects.filter(request=request).exists()
    assert list(
        AuditEvent.objects.filter(object_id=str(request.pk))
        .filter(action__startswith="candidate.")
        .values_list("action", flat=True)
        .order_by("seq")
    ) == [Action.CANDIDATE_VIEWED, Action.CANDIDATE_SHORTLISTED, Action.CANDIDATE_UNSHORTLISTED]


def test_a_migrant_the_request_does_not_list_is_not_found(story: dict[str, User]) -> None:
    request = seed_request()
    client = Client()
    client.force_login(story["anthony"])
    carol = story["carol"]  # a sponsor, never a candidate
    assert client.get(reverse("web:candidate", args=[request.pk, carol.pk])).status_code == 404
    keep = reverse("web:candidate_keep", args=[request.pk, carol.pk])
    assert client.post(keep, {"keep": "1"}).status_code == 404
    assert not ShortlistEntry.objects.exists()


def test_another_sponsor_finds_neither_page(story: dict[str, User]) -> None:
    request = seed_request()
    client = Client()
    client.force_login(story["carol"])
    bishal = story["bishal"]
    assert client.get(reverse("web:candidate", args=[request.pk, bishal.pk])).status_code == 404
    assert client.get(reverse("web:shortlist", args=[request.pk])).status_code == 404

"""`vip demo` loads the seeds' story and then its extras (vip.demo.extras): whoever tries the demo
as the authority, the agency, a sponsor or a migrant finds something waiting in each queue, every
piece of it made through the services (so the audit log has each step)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import Client

from vip.audit.models import AuditEvent
from vip.demo.extras import AUCTION_CODE, load_demo_extras, sample_png
from vip.demo.law import use_demo_law
from vip.demo.people import EXTRA_LOGINS, MARKET_LOGINS, load_two_markets, loaded_logins
from vip.people.models import RequestStatus, User, VerificationRequest
from vip.people.rules import DocumentType, sniff
from vip.people.selectors import clients_of
from vip.policy.parameters import OVERLAY_VARIABLE, jurisdictions
from vip.visas.models import Complaint, Status
from vip.web import authority_dashboard, urls  # noqa: F401  (urls: every queue registered)
from vip.web.selectors import TO_DO, migrant_tasks, sponsor_tasks
from vip.welfare.models import CheckIn, CheckInStatus


@pytest.fixture
def demo_law(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """What `vip demo` does first: the demo's law laid over the jurisdictions' (then lifted)."""
    monkeypatch.delenv(OVERLAY_VARIABLE, raising=False)
    use_demo_law()
    yield
    monkeypatch.undo()
    os.environ.pop(OVERLAY_VARIABLE, None)
    jurisdictions.cache_clear()


@pytest.fixture
def demo(demo_law: None, story: dict[str, User]) -> dict[str, User]:
    """Loaded as `vip demo` loads it: the story, its extras, then the two markets' offers."""
    cast = load_demo_extras(story)
    load_two_markets(story)
    return cast


def queue_counts(authority: User) -> dict[str, int]:
    return {line.url.strip("/"): line.count for line in authority_dashboard.lines(authority)}


def test_the_sample_document_is_a_png() -> None:
    assert sniff(sample_png()) == DocumentType.PNG


def each_role_finds_work_waiting(demo: dict[str, User]) -> None:
    counts = queue_counts(demo["authority"])
    assert counts["authority/verifications"] == 1
    assert counts["authority/reviews"] == 1
    assert counts["authority/complaints"] == 1
    assert counts["authority/auctions"] == 1

    pending = VerificationRequest.objects.get(person=demo["diana"])
    assert pending.status == RequestStatus.PENDING
    assert pending.documents.get().content_type == DocumentType.PNG

    visa = demo["sita"].visas_as_migrant.get()
    assert (visa.sponsor, visa.status) == (demo["carol"], Status.ACTIVE)
    assert Complaint.objects.get(visa=visa).filed_by == demo["sita"]
    sita_tasks = {str(task.name): task.state for task in migrant_tasks(demo["sita"])}
    assert sita_tasks["Welfare check-in"] == TO_DO
    review = demo["ramesh"].visas_as_migrant.get()
    assert (review.sponsor, review.status) == (demo["marc"], Status.REVIEW)
    assert review.reasons[0]["parameter"] == "decision.manual_review"
    assert "Auctions" in [str(task.name) for task in migrant_tasks(demo["bishal"])]
    assert {d.sponsor for d in clients_of(demo["agency"])} == {demo["anthony"], demo["carol"]}
    assert [login.email for login in loaded_logins()][-len(EXTRA_LOGINS + MARKET_LOGINS) :] == [
        login.email for login in EXTRA_LOGINS + MARKET_LOGINS
    ]
    assert AuditEvent.objects.filter(actor=demo["sita"]).exists()


def test_the_extras_leave_anthony_and_bishal_where_the_seeds_story_starts(
    demo_law: None, story: dict[str, User]
) -> None:
    """Their task lists are those of `load_story`, but for the auction Bishal may now join."""
    before = ([t.state for t in sponsor_tasks(story["anthony"])], migrant_tasks(story["bishal"]))
    load_demo_extras(story)
    after = [t for t in migrant_tasks(story["bishal"]) if str(t.name) != "Auctions"]
    assert [t.state for t in sponsor_tasks(story["anthony"])] == before[0]
    assert [(str(t.name), t.state) for t in after] == [(str(t.name), t.state) for t in before[1]]
    assert not story["bishal"].visas_as_migrant.exists()


def test_each_page_the_readme_names_opens_with_its_work(demo: dict[str, User]) -> None:
    """The README's table, page by page: each opens for its person and shows what waits there
    (one loading of the demo for this and the queues' counts: each loading takes seconds)."""
    each_role_finds_work_waiting(demo)
    sita_visa = demo["sita"].visas_as_migrant.get()
    review = demo["ramesh"].visas_as_migrant.get()
    checkin = CheckIn.objects.get(visa=sita_visa, status=CheckInStatus.DUE)
    pages = [
        ("authority", "/authority/verifications/", "Diana"),
        ("authority", "/authority/reviews/", "Marc"),
        ("authority", f"/authority/reviews/{review.pk}/", "decision.manual_review"),
        ("authority", "/authority/complaints/", "Sita"),
        ("authority", "/authority/auctions/", AUCTION_CODE),
        ("authority", "/authority/parameters/?jurisdiction=CA", "not the jurisdiction"),
        ("officer", "/community/", "Springfield"),
        ("agency", "/agency/", "Carol"),
        ("carol", f"/sponsor/visas/{sita_visa.pk}/", "Sita"),
        ("marc", f"/sponsor/visas/{review.pk}/", "Ramesh"),
        ("diana", "/verification/", "document 1"),
        ("sita", "/migrant/welfare/", f"/migrant/welfare/checkins/{checkin.pk}/"),
        ("sita", f"/migrant/visas/{sita_visa.pk}/complaints/", "not paid"),
        ("ramesh", f"/migrant/visas/{review.pk}/", "Marc"),
        ("bishal", "/migrant/auctions/", AUCTION_CODE),
    ]
    for who, path, shown in pages:
        client = Client()
        client.force_login(demo[who])
        answer = client.get(path)
        assert answer.status_code == 200, (who, path)
        assert shown in answer.content.decode(), (who, path, shown)

"""A sponsor sends his documents from his verification page; a refused upload says why on the
form; the authority finds the request in its queue, opens the documents (each read audited),
decides a duplicate flag and records the result; the sponsor is told and sees it. A document is
not found for anyone else."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vip.audit.models import AuditEvent
from vip.notifications.models import Notification
from vip.people import services as people
from vip.people.models import User, VerificationRequest
from vip.people.selectors import is_verified

PDF = b"%PDF-1.7\n%%EOF\n"


def newcomer(name: str = "Nadia") -> User:
    return people.create_account(
        email=f"{name.lower()}@new.vip.example",
        password="a long pass phrase",
        role="sponsor",
        full_name=name,
        birth_date=None,
        country="US",
    )


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def send(client: Client, content: bytes = PDF, number: str = "P 123") -> str:
    answer = client.post(
        "/verification/identity/",
        {"document": SimpleUploadedFile("id.pdf", content), "document_number": number},
    )
    return answer.content.decode() if answer.status_code == 200 else answer["Location"]


def test_the_task_list_leads_to_the_verification_page(story: dict[str, User]) -> None:
    client = logged_in(newcomer())
    assert 'href="/verification/"' in client.get("/sponsor/").content.decode()
    page = client.get("/verification/").content.decode()
    assert "/verification/identity/" in page and "/verification/citizenship/" in page
    assert client.get("/verification/health/").status_code == 404  # not a sponsor's
    upload = client.get("/verification/identity/").content.decode()
    assert "Your passport or national identity card, and its number." in upload


def test_a_file_that_is_not_a_document_is_refused_on_the_form(story: dict[str, User]) -> None:
    client = logged_in(newcomer())
    page = send(client, b"GIF89a not a document")
    assert "There is a problem" in page and "Send a PDF, a JPEG or a PNG file." in page
    assert 'href="#id_document"' in page
    assert not VerificationRequest.objects.exists()


def test_the_authority_verifies_the_sponsor_from_the_queue(story: dict[str, User]) -> None:
    nadia, authority = newcomer(), story["authority"]
    mine = logged_in(nadia)
    assert send(mine) == "/verification/"
    request = VerificationRequest.objects.get(person=nadia)
    document = request.documents.get()
    assert "Waiting for the office" in mine.get("/verification/").content.decode()

    office = logged_in(authority)
    assert (
        f"/authority/verifications/{request.pk}/"
        in office.get("/authority/verifications/").content.decode()
    )
    page = office.get(f"/authority/verifications/{request.pk}/").content.decode()
    assert f"/documents/{document.pk}/" in page and "P123" in page
    opened = office.get(f"/documents/{document.pk}/")
    assert (opened["Content-Type"], b"".join(opened.streaming_content)) == (  # type: ignore[attr-defined]
        "application/pdf",
        PDF,
    )
    assert AuditEvent.objects.filter(action="sensitive.read", actor=authority).exists()

    refused = office.post(
        f"/authority/verifications/{request.pk}/",
        {"form": "result", "result-result": "not_clear", "result-note": ""},
    ).content.decode()
    assert "Say why: the person reads it." in refused
    done = office.post(
        f"/authority/verifications/{request.pk}/",
        {"form": "result", "result-result": "clear", "result-note": ""},
    )
    assert done["Location"] == "/authority/verifications/"
    assert is_verified(nadia, "identity")
    assert Notification.objects.filter(person=nadia, kind="verification_decided").exists()
    assert "Verified" in mine.get("/verification/").content.decode()


def test_a_refusal_is_shown_to_the_person_in_the_offices_words(story: dict[str, User]) -> None:
    nadia = newcomer()
    send(logged_in(nadia))
    people.record_verification(
        authority=story["authority"],
        person_id=nadia.pk,
        kind="identity",  # type: ignore[arg-type]
        result="not_clear",  # type: ignore[arg-type]
        note="The scan is unreadable.",
    )
    page = logged_in(nadia).get("/verification/").content.decode()
    assert "Not verified" in page and "The scan is unreadable." in page


def test_a_flagged_request_is_cleared_only_after_the_flag_is_dismissed(
    story: dict[str, User],
) -> None:
    send(logged_in(newcomer("Ann")), number="X-1")
    ben = newcomer("Ben")
    send(logged_in(ben), number="x1")
    request = VerificationRequest.objects.get(person=ben)
    office = logged_in(story["authority"])
    url = f"/authority/verifications/{request.pk}/"
    assert "ann@new.vip.example" in office.get(url).content.decode()

    refused = office.post(url, {"form": "result", "result-result": "clear"}).content.decode()
    assert "decide the flag before clearing it" in refused
    assert (
        office.post(url, {"form": "flag", "flag-decision": "dismissed", "flag-note": "twins"})[
            "Location"
        ]
        == url
    )
    office.post(url, {"form": "result", "result-result": "clear"})
    assert is_verified(ben, "identity")


def test_a_document_is_not_found_for_anyone_but_its_person_and_the_authority(
    story: dict[str, User],
) -> None:
    nadia = newcomer()
    mine = logged_in(nadia)
    send(mine)
    document = VerificationRequest.objects.get(person=nadia).documents.get()
    url = f"/documents/{document.pk}/"
    opened = mine.get(url)
    assert opened.status_code == 200
    # Never run as a page of the portal, never cached, never guessed at as another type.
    assert "sandbox" in opened["Content-Security-Policy"]
    assert (opened["Cache-Control"], opened["X-Content-Type-Options"]) == ("no-store", "nosniff")
    for other in ("anthony", "bishal", "officer", "agency"):
        assert logged_in(story[other]).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # a visitor is sent to log in
    request = VerificationRequest.objects.get(person=nadia)
    assert (
        logged_in(story["anthony"]).get(f"/authority/verifications/{request.pk}/").status_code
        == 404
    )


def test_a_scan_above_the_bodys_limit_is_taken_and_one_above_ten_megabytes_refused(
    story: dict[str, User],
) -> None:
    """Files are not counted in VIP_MAX_BODY_BYTES (Django's limit leaves uploads out): only
    VIP_DOCUMENT_MAX_BYTES decides."""
    nadia = newcomer()
    client = logged_in(nadia)
    assert send(client, PDF + b"0" * 3_000_000) == "/verification/"
    refused = send(client, PDF + b"0" * 10_500_000)
    assert "The file is too large" in refused
    assert VerificationRequest.objects.get(person=nadia).documents.count() == 1

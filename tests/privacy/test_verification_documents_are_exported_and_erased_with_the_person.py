"""A person's verification requests and documents are in his export (what was sent, its type,
size and digest; the file itself he opens from his page), and pseudonymisation erases the files
and the identity document's number while the rows the audit log names stay."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from vip.clock import now, today
from vip.people import services as people
from vip.people.models import User, VerificationDocument, document_storage
from vip.privacy.services import pseudonymise

from tests.cast import Api

PDF = b"%PDF-1.7\n%%EOF\n"


def sent(person: User) -> VerificationDocument:
    request = people.ask_verification(
        person=person,
        kind="identity",  # type: ignore[arg-type]
        upload=SimpleUploadedFile("id.pdf", PDF),
        document_number="NP 998877",
    )
    return request.documents.get()


def test_his_export_lists_his_requests_and_documents(story: dict[str, User], api: Api) -> None:
    document = sent(story["bishal"])

    status, exported = api.get("/me/export", story["bishal"])

    assert status == 200
    (request,) = exported["records"]["people.VerificationRequest"]
    assert request["document_number"] == "NP998877"
    (row,) = exported["records"]["people.VerificationDocument"]
    assert (row["sha256"], row["size"], row["content_type"]) == (
        document.sha256,
        len(PDF),
        "application/pdf",
    )


def test_pseudonymisation_erases_his_documents_and_their_number(
    story: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    bishal = story["bishal"]
    document = sent(bishal)
    name = document.file.name
    assert document_storage().exists(name)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pseudonymise(bishal, today(), now() - dt.timedelta(days=3000))

    document.refresh_from_db()
    assert not document_storage().exists(name)
    assert document.file.name == "" and document.sha256  # the row the log names stays
    assert bishal.verification_requests.get().document_number == ""

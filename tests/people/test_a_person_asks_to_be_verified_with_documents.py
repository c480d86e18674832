"""A person asks to be verified and uploads his documents; the authority decides. The type is
told by the file's first bytes, the size is capped, a request matching another account is
flagged until the authority decides, and a document is read by its person and the authority
only, each read audited."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from vip.audit.models import AuditEvent
from vip.errors import DomainError
from vip.notifications.models import Notification
from vip.people import services as people
from vip.people.models import FlagState, RequestStatus, User
from vip.people.selectors import is_verified, pending_requests

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def upload(content: bytes = PDF, name: str = "passport.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def ask(person: User, content: bytes = PDF, **kwargs: str) -> object:
    kwargs.setdefault("kind", "identity")
    if kwargs["kind"] == "identity":
        kwargs.setdefault("document_number", f"P-{person.pk}")
    return people.ask_verification(person=person, upload=upload(content), **kwargs)  # type: ignore[arg-type]


def refusal(call: object) -> tuple[int, str]:
    with pytest.raises(DomainError) as refused:
        call()  # type: ignore[operator]
    return refused.value.status, refused.value.code


def newcomer(name: str = "Nadia", **kwargs: object) -> User:
    return people.create_account(
        email=f"{name.strip().lower()}@new.vip.example",
        password="a long pass phrase",
        role=kwargs.pop("role", "sponsor"),  # type: ignore[arg-type]
        full_name=name,
        birth_date=kwargs.pop("birth_date", None),  # type: ignore[arg-type]
        country=kwargs.pop("country", "US"),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [(PDF, "scan.png", "application/pdf"), (JPEG, "x.pdf", "image/jpeg"), (PNG, "y", "image/png")],
)
def test_the_type_is_told_by_the_first_bytes_not_the_name(
    story: dict[str, User], content: bytes, name: str, kind: str
) -> None:
    nadia = newcomer()
    request = people.ask_verification(
        person=nadia,
        kind="identity",  # type: ignore[arg-type]
        upload=SimpleUploadedFile(name, content, content_type="text/plain"),
        document_number="X1",
    )
    document = request.documents.get()
    assert (document.content_type, document.size) == (kind, len(content))
    assert document.file.read() == content


@pytest.mark.parametrize(
    "content", [b"GIF89a....", b"<html>%PDF-</html>", b"MZ\x90\x00", b"", b"%PD"]
)
def test_anything_but_a_pdf_jpeg_or_png_is_refused(story: dict[str, User], content: bytes) -> None:
    nadia = newcomer()
    assert refusal(lambda: ask(nadia, content)) == (422, "DOCUMENT_TYPE_NOT_ALLOWED")
    assert not nadia.verification_requests.exists()


@override_settings(VIP_DOCUMENT_MAX_BYTES=64)
def test_a_document_above_the_size_limit_is_refused(story: dict[str, User]) -> None:
    nadia = newcomer()
    assert refusal(lambda: ask(nadia, PDF + b"x" * 64)) == (422, "DOCUMENT_TOO_LARGE")
    ask(nadia, PDF[:60])  # at the limit, taken
    assert nadia.verification_requests.get().documents.count() == 1


def test_an_identity_request_gives_its_number_and_a_citizenship_its_country(
    story: dict[str, User],
) -> None:
    nadia = newcomer()
    assert refusal(lambda: ask(nadia, document_number="")) == (422, "DOCUMENT_NUMBER_MISSING")
    assert refusal(lambda: ask(nadia, kind="citizenship")) == (422, "CITIZENSHIP_COUNTRY_MISSING")
    ask(nadia, kind="citizenship", country="us")
    assert nadia.verification_requests.get().country == "US"


def test_more_documents_join_the_pending_request_of_their_kind(story: dict[str, User]) -> None:
    nadia = newcomer()
    first = ask(nadia)
    second = ask(nadia, JPEG, document_number="")  # the number is given already
    assert first == second
    assert nadia.verification_requests.get().documents.count() == 2


def test_staff_do_not_ask_to_be_verified(story: dict[str, User]) -> None:
    assert refusal(lambda: ask(story["authority"])) == (403, "VERIFICATION_NOT_FOR_STAFF")


def test_the_authority_decides_the_request_and_the_person_is_told(
    story: dict[str, User],
) -> None:
    authority, nadia = story["authority"], newcomer()
    request = ask(nadia, kind="citizenship", country="US")
    assert list(pending_requests(authority)) == [request]

    people.record_verification(
        authority=authority,
        person_id=nadia.pk,
        kind="citizenship",
        result="clear",  # type: ignore[arg-type]
    )

    nadia.refresh_from_db()
    request.refresh_from_db()  # type: ignore[attr-defined]
    assert request.status == RequestStatus.DECIDED  # type: ignore[attr-defined]
    assert nadia.citizenship == "US" and is_verified(nadia, "citizenship")
    assert list(pending_requests(authority)) == []
    assert Notification.objects.filter(person=nadia, kind="verification_decided").count() == 1


def test_the_queue_is_the_authoritys_and_oldest_first(story: dict[str, User]) -> None:
    first, second = newcomer("Ann"), newcomer("Ben")
    a, b = ask(first), ask(second)
    assert list(pending_requests(story["authority"])) == [a, b]
    assert refusal(lambda: pending_requests(first)) == (403, "ROLE_REQUIRED")


def test_the_same_document_number_on_another_account_flags_the_request(
    story: dict[str, User],
) -> None:
    authority = story["authority"]
    ask(newcomer("Ann"), document_number="P 123-45")
    ben = newcomer("Ben")
    flagged = people.ask_verification(
        person=ben,
        kind="identity",
        upload=upload(),
        document_number="p12345",  # type: ignore[arg-type]
    )
    assert flagged.flag == FlagState.OPEN
    assert [m["on"] for m in flagged.matches] == ["document_number"]
    assert AuditEvent.objects.filter(action="verification.flagged").count() == 1
    clear = {"authority": authority, "person_id": ben.pk, "kind": "identity", "result": "clear"}
    assert refusal(lambda: people.record_verification(**clear)) == (409, "VERIFICATION_FLAGGED")

    people.decide_flag(authority=authority, request_id=flagged.pk, upheld=False, note="twins")
    people.record_verification(**clear)  # type: ignore[arg-type]
    assert is_verified(ben, "identity")


def test_the_same_name_birth_date_and_country_flags_it_and_an_upheld_flag_never_clears(
    story: dict[str, User],
) -> None:
    authority, anthony = story["authority"], story["anthony"]
    twin = newcomer("anthony ", birth_date=anthony.birth_date, country="US")
    flagged = ask(twin)
    assert flagged.matches == [{"person": anthony.pk, "on": "name_birth_date_country"}]  # type: ignore[attr-defined]

    people.decide_flag(authority=authority, request_id=flagged.pk, upheld=True)  # type: ignore[attr-defined]
    clear = {"authority": authority, "person_id": twin.pk, "kind": "identity"}
    assert refusal(lambda: people.record_verification(**clear, result="clear")) == (
        409,
        "VERIFICATION_FLAGGED",
    )
    assert refusal(
        lambda: people.decide_flag(authority=authority, request_id=flagged.pk, upheld=False)  # type: ignore[attr-defined]
    ) == (409, "FLAG_NOT_OPEN")
    people.record_verification(**clear, result="not_clear", note="a second account")  # type: ignore[arg-type]
    assert not is_verified(twin, "identity")


def test_only_the_authority_decides_a_flag_and_others_do_not_see_it(
    story: dict[str, User],
) -> None:
    nadia, carol = newcomer(), story["carol"]
    request = ask(nadia)
    decide = people.decide_flag
    assert refusal(lambda: decide(authority=nadia, request_id=request.pk, upheld=False)) == (  # type: ignore[attr-defined]
        403,
        "ROLE_REQUIRED",
    )
    assert refusal(lambda: decide(authority=carol, request_id=request.pk, upheld=False)) == (  # type: ignore[attr-defined]
        404,
        "VERIFICATION_REQUEST_NOT_FOUND",
    )


def test_a_document_is_read_by_its_person_and_the_authority_each_read_audited(
    story: dict[str, User],
) -> None:
    authority, carol, nadia = story["authority"], story["carol"], newcomer()
    document = ask(nadia).documents.get()  # type: ignore[attr-defined]
    before = AuditEvent.objects.filter(action="sensitive.read").count()

    for reader in (nadia, authority, authority):
        assert people.read_document(reader=reader, document_id=document.pk) == document
    for stranger in (carol, story["officer"], story["agency"]):
        assert refusal(
            lambda s=stranger: people.read_document(reader=s, document_id=document.pk)
        ) == (404, "DOCUMENT_NOT_FOUND")

    reads = AuditEvent.objects.filter(action="sensitive.read").order_by("id")[before:]
    assert [(e.actor_id, e.object_id, e.data) for e in reads] == [
        (r.pk, str(nadia.pk), {"document": document.pk, "kind": "identity"})
        for r in (nadia, authority, authority)
    ]


def test_the_log_keeps_the_documents_digest_never_its_number(story: dict[str, User]) -> None:
    nadia = newcomer()
    ask(nadia, document_number="SECRET99")
    event = AuditEvent.objects.get(action="verification.requested")
    assert "SECRET99" not in str(event.data) and len(event.data["sha256"]) == 64

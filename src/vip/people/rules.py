"""What a verification document may be: decided from its first bytes, never from the name or
the type the browser claims (either is whatever the uploader says)."""

from __future__ import annotations

from enum import StrEnum


class DocumentType(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"


# Each allowed type's magic bytes, at the start of the file.
MAGIC: dict[DocumentType, bytes] = {
    DocumentType.PDF: b"%PDF-",
    DocumentType.JPEG: b"\xff\xd8\xff",
    DocumentType.PNG: b"\x89PNG\r\n\x1a\n",
}
EXTENSIONS: dict[DocumentType, str] = {
    DocumentType.PDF: ".pdf",
    DocumentType.JPEG: ".jpg",
    DocumentType.PNG: ".png",
}
HEAD_BYTES = max(len(magic) for magic in MAGIC.values())


def sniff(head: bytes) -> DocumentType | None:
    """The allowed type these first bytes begin, or None (any other file, or an empty one)."""
    return next((kind for kind, magic in MAGIC.items() if head.startswith(magic)), None)


def document_number(typed: str) -> str:
    """A document number as the duplicate check compares it: spaces, dashes and case aside."""
    return "".join(c for c in typed.upper() if c.isalnum())

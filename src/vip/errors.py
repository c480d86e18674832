"""Domain errors: every refusal carries a stable code, a message and an HTTP status."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def either(values: Iterable[str]) -> str:
    """A vocabulary as a refusal words it: "safety, abuse, pay, housing or other"."""
    *first, last = [str(v) for v in values]
    return f"{', '.join(first)} or {last}" if first else last


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class Invalid(DomainError):
    status = 422


class RateLimited(DomainError):
    """Too many of something in a window: try again after `retry_after` seconds (the answer's
    Retry-After)."""

    status = 429

    def __init__(self, code: str, message: str, retry_after: int) -> None:
        super().__init__(code, message, {"retry_after": retry_after})
        self.retry_after = retry_after


class TooManyAttempts(RateLimited):
    """Too many failed logins from an account or an address."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "TOO_MANY_ATTEMPTS", "too many failed attempts: try again later", retry_after
        )


def role_required(role: str) -> Forbidden:
    """The refusal of a right only one role holds: `raise role_required(Role.AUTHORITY)`."""
    return Forbidden("ROLE_REQUIRED", f"this needs the {role} role", {"role": str(role)})

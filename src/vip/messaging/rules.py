"""Pure decisions about conversations: what a message may be, what it shows before signing."""

from __future__ import annotations

import re

MAX_BODY = 2000
HIDDEN = "[…]"
# An e-mail or web address, and a telephone number (7 digits or more, with the spaces, dots,
# dashes and brackets people write in one): the ways a message passes on contact details.
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|\b(https?://|www\.)\S+")
NUMBER = re.compile(r"\+?\d[\d\s().-]{5,}\d")
PHONE_DIGITS = 7


def body_problem(body: str) -> str | None:
    """The reason code a message is refused with, or None."""
    if not body.strip():
        return "MESSAGE_EMPTY"
    if len(body) > MAX_BODY:
        return "MESSAGE_TOO_LONG"
    return None


def shown(body: str, contact_allowed: bool) -> str:
    """Contact details stay hidden until both have signed an agreement: until then the platform
    keeps the record of what was said, and its protections (no fee, report, block) hold."""
    if contact_allowed:
        return body
    body = ADDRESS.sub(HIDDEN, body)
    return NUMBER.sub(lambda m: HIDDEN if _digits(m[0]) >= PHONE_DIGITS else m[0], body)


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)

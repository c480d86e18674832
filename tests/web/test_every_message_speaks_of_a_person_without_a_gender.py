"""The platform does not know anyone's gender, so no message says "he" or "she" of a person: the
portal's English (every msgid of the catalogues) and the API's refusals (the message of every
`raise Forbidden("CODE", "...")`) speak of "the worker", "the sponsor", "you" or "they"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

import vip

GENDERED = re.compile(r"\b(he|his|him|himself|she|her|hers|herself)\b", re.IGNORECASE)
# A message that must keep a gendered word, with why: a quotation (from the book, say) is the
# author's. None is needed today.
ALLOWED: frozenset[str] = frozenset()
SOURCE = Path(vip.__file__).parent
CODE = re.compile(r"[A-Z][A-Z0-9_]+")


def _msgids(lang: str) -> list[str]:
    with (SOURCE / "locale" / lang / "LC_MESSAGES" / "django.po").open("rb") as po:
        return [
            text
            for message in read_po(po)
            if message.id
            for text in (message.id if isinstance(message.id, tuple) else (message.id,))
        ]


def _refusals() -> list[str]:
    """The English message of each refusal raised with a reason code: `Error("CODE", "...")`."""
    found = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and len(node.args) >= 2):
                continue
            code, message = node.args[0], node.args[1]
            if isinstance(code, ast.Constant) and CODE.fullmatch(str(code.value)):
                parts = message.values if isinstance(message, ast.JoinedStr) else [message]
                found.append("".join(str(p.value) for p in parts if isinstance(p, ast.Constant)))
    return found


def test_no_message_of_the_portal_says_he_or_she() -> None:
    gendered = [m for m in _msgids("es") + _msgids("ne") if GENDERED.search(m)]
    assert sorted(set(gendered) - ALLOWED) == []


def test_no_refusal_of_the_api_says_he_or_she() -> None:
    refusals = _refusals()
    assert len(refusals) > 100  # the walk finds them
    assert sorted({m for m in refusals if GENDERED.search(m)} - ALLOWED) == []

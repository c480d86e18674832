"""The article ("a" or "an") depends on the word that follows, so no message puts one before a
word it fills in ("a approved visa", "a authority"): not the portal's msgids, not an API refusal's
f-string."""

from __future__ import annotations

import ast
import re
from itertools import pairwise
from pathlib import Path

from babel.messages.pofile import read_po

import vip

SOURCE = Path(vip.__file__).parent
ARTICLE = re.compile(r"\b(a|an)\s+$", re.IGNORECASE)


def test_no_msgid_puts_an_article_before_a_placeholder() -> None:
    with (SOURCE / "locale" / "es" / "LC_MESSAGES" / "django.po").open("rb") as po:
        texts = [
            text
            for message in read_po(po)
            if message.id
            for text in (message.id if isinstance(message.id, tuple) else (message.id,))
        ]
    assert [t for t in texts if re.search(r"\b(a|an)\s+%\(\w+\)s", t, re.IGNORECASE)] == []


def test_no_refusal_puts_an_article_before_a_value() -> None:
    found = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and len(node.args) >= 2:
                message = node.args[1]
                if isinstance(message, ast.JoinedStr):
                    for part, after in pairwise(message.values):
                        if (
                            isinstance(part, ast.Constant)
                            and isinstance(after, ast.FormattedValue)
                            and ARTICLE.search(str(part.value))
                        ):
                            found.append(f"{path.name}:{node.lineno}")
    assert found == []

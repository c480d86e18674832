"""docs/deploy.md lists every environment variable the code, the tests and the Makefile read."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ = re.compile(r"\b(VIP_[A-Z0-9_]+)\b")
ROW = re.compile(r"^\| `([A-Z0-9_]+)` \|", re.MULTILINE)


def variables_read() -> set[str]:
    files = [*ROOT.joinpath("src").rglob("*.py"), *ROOT.joinpath("tests").rglob("*.py")]
    texts = [path.read_text() for path in files if path != Path(__file__)]
    texts.append((ROOT / "Makefile").read_text())
    return {name for text in texts for name in READ.findall(text)}


def test_the_scan_finds_the_variables_it_should() -> None:
    assert {"VIP_SECRET_KEY", "VIP_DATABASE_URL", "VIP_TEST_DATABASE_URL"} <= variables_read()


def test_every_variable_has_a_row_in_docs_deploy() -> None:
    documented = set(ROW.findall((ROOT / "docs" / "deploy.md").read_text()))

    assert sorted(variables_read() - documented) == []

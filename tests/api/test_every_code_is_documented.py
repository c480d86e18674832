"""docs/api.md cannot fall behind: every code in src/vip, every endpoint of the OpenAPI document,
and the HTTP status each code is raised with, are there."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from tests.api.matrix import operations

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "vip"
DOC = (ROOT / "docs" / "api.md").read_text()

STATUS = {"NotFound": 404, "Forbidden": 403, "Conflict": 409, "Invalid": 422, "DomainError": 400}
RAISED = re.compile(r"\b(NotFound|Forbidden|Conflict|Invalid|DomainError)\(\s*\"([A-Z0-9_]+)\"")
ANSWERED = re.compile(r"\berror\(\s*request,\s*(\d{3}),\s*\"([A-Z0-9_]+)\"")
CODE_LITERAL = re.compile(r"[\"']([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)[\"']")
NOT_CODES = re.compile(r"^(VIP_|DJANGO_|NUMBA_|PIP_|VIRTUAL_ENV$)")  # environment variables
TABLE_ROW = re.compile(r"^\| `([A-Z0-9_]+)` \| ([^|]*) \|", re.MULTILINE)


def source() -> dict[Path, str]:
    """The Python of src/vip, but the settings (their keys look like codes and are not)."""
    return {
        path: path.read_text()
        for path in sorted(SOURCE.rglob("*.py"))
        if path != SOURCE / "settings.py"
    }


def raised_with_status() -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for text in source().values():
        for cls, code in RAISED.findall(text):
            found[code].add(STATUS[cls])
        for status, code in ANSWERED.findall(text):
            found[code].add(int(status))
    return found


def codes_in_source() -> set[str]:
    """Every UPPER_SNAKE string literal (reasons, fines, orders, errors) and every error code."""
    return set(raised_with_status()) | {
        code
        for text in source().values()
        for code in CODE_LITERAL.findall(text)
        if not NOT_CODES.match(code)
    }


def documented() -> dict[str, set[int]]:
    return {
        code: set(map(int, re.findall(r"\b\d{3}\b", cell))) for code, cell in TABLE_ROW.findall(DOC)
    }


def test_the_scan_finds_the_codes_it_should() -> None:
    codes = codes_in_source()
    assert {"VISA_NOT_FOUND", "INSURANCE_MISSING", "FINE_CRIME", "UNAUTHENTICATED"} <= codes
    assert raised_with_status()["ROLE_REQUIRED"] == {403}


def test_every_code_in_the_source_is_in_a_table_of_the_doc() -> None:
    assert sorted(codes_in_source() - set(documented())) == []


def test_the_doc_lists_no_code_the_source_does_not_have() -> None:
    assert sorted(set(documented()) - codes_in_source()) == []


def test_every_error_code_is_documented_with_the_status_it_is_raised_with() -> None:
    table = documented()
    wrong = {
        code: (sorted(statuses), sorted(table[code]))
        for code, statuses in raised_with_status().items()
        if not statuses <= table[code]
    }
    assert wrong == {}


def test_every_endpoint_has_its_section() -> None:
    headings = set(re.findall(r"^### (GET|POST|PUT|PATCH|DELETE) (\S+)$", DOC, re.MULTILINE))
    assert headings == set(operations())


def test_every_code_an_endpoint_names_is_in_a_table() -> None:
    endpoints = DOC.split("## Endpoints", 1)[1].split("## Error codes", 1)[0]
    named = set(re.findall(r"`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`", endpoints))
    assert sorted(named - set(documented())) == []

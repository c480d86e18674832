"""A Content Security Policy without 'unsafe-inline' or 'unsafe-eval': the portal's pages, the
administration and the API docs (Swagger UI) render in Chromium with no violation."""

from __future__ import annotations

from django.test import Client
from playwright.sync_api import Browser, ConsoleMessage, expect

from tests.e2e.browser import person_page

PAGES = ["", "accounts/login/", "accounts/signup/", "accounts/password/reset/", "admin/login/"]


def policy(path: str) -> dict[str, list[str]]:
    header = Client().get(path)["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_no_directive_allows_inline_code_or_eval(db: None) -> None:
    for path in ("/", "/api/v1/docs", "/api/v1/me"):
        directives = policy(path)
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        allowed = " ".join(v for values in directives.values() for v in values)
        assert "unsafe" not in allowed, path


def test_the_pages_and_the_api_docs_break_no_rule(browser: Browser, portal: str) -> None:
    violations: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{message.location.get('url')}: {message.text}")

    with person_page(browser) as page:
        page.on("console", watch)
        for path in PAGES:
            response = page.goto(portal + path)
            assert response is not None and response.ok, path
            page.wait_for_load_state("load")
        page.goto(portal + "api/v1/docs")
        operation = page.get_by_text("/api/v1/visas/{visa_id}/events").first
        expect(operation).to_be_visible(timeout=15_000)
        operation.click()  # expands it: Swagger UI draws more with its own script

    assert violations == []

"""The browser the portal's tests drive: Debian's Chromium, a page per person, and the checks every
page passes (axe-core's serious and critical rules, no sideways scroll on a phone, its weight)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LANGUAGES = ["en", "es", "ne"]
# What a page may weigh, as the demo server sends it (uncompressed), on a first visit: the HTML,
# the stylesheet and any script. Fonts are left out: a browser fetches them once for every page.
PAGE_BUDGET_BYTES = 200_000


@contextmanager
def person_page(browser: Browser, language: str = "en", phone: bool = False) -> Iterator[Page]:
    """A fresh browser profile (no cookies, no cache) that asks for pages in one language."""
    context = browser.new_context(
        locale=language, viewport=PHONE if phone else DESKTOP, base_url=None
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def serious_violations(page: Page) -> list[dict[str, Any]]:
    # A page still loading (a form just sent) has no document for axe to read yet.
    page.wait_for_load_state("load")
    # Evaluated through the DevTools protocol, not as a <script>: the portal's CSP allows none.
    page.evaluate(AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def sideways_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    width: int = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
    return max(width, 0)


def weight(page: Page) -> int:
    """Bytes fetched for the page, the fonts and the favicon aside (a browser fetches them once
    for every page), on a first visit (the Resource Timing). What htmx asks for once the page is
    there (a poll of a run's progress, of a thread) is not the page's weight."""
    size: int = page.evaluate(
        """() => performance.getEntriesByType('navigation')
              .concat(performance.getEntriesByType('resource'))
              .filter(e => !e.name.endsWith('.woff2') && !e.name.endsWith('/favicon.svg'))
              .filter(e => !['xmlhttprequest', 'fetch'].includes(e.initiatorType))
              .reduce((sum, e) => sum + e.transferSize, 0)"""
    )
    return size


def assert_page_is_accessible(page: Page) -> None:
    """0 serious or critical axe violations, and no sideways scroll at the window's width."""
    violations = serious_violations(page)
    assert not violations, [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
    ]
    assert sideways_overflow(page) == 0, page.url


def log_in(page: Page, portal: str, email: str, password: str = "vip-demo-2026") -> None:
    """Through the login form, as a person does (fields by id: any language)."""
    page.goto(f"{portal}accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()


def checked(page: Page) -> None:
    """Every page of a walk: accessible, fits the window, within the budget."""
    assert_page_is_accessible(page)
    assert weight(page) <= PAGE_BUDGET_BYTES, (page.url, weight(page))

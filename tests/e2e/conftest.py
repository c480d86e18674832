from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import CHROMIUM, FLAGS

# Playwright's sync API runs an event loop in the test's thread; the tests still set up people
# through the ORM between pages, which Django would otherwise refuse there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def portal(live_server: object, transactional_db: None) -> str:
    """The live server's address, with the seeds' people loaded and able to log in."""
    from vip.demo.people import load_story

    load_story()
    return f"{live_server}/"

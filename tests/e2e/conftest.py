from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import CHROMIUM, FLAGS

# Playwright's sync API runs an event loop in the test's thread; the tests still set up people
# through the ORM between pages, which Django would otherwise refuse there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


E2E = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL each browser walk runs in its first case only (its first language and screen,
    or workspace). What those cases change is the page, which the SQLite pass walks in every case;
    what the database does is the same in each. So every walk still runs on both databases, and
    the suite keeps within 20 minutes on two cores (the walks in every case on both took 23)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return
    seen: set[tuple[str, str]] = set()
    kept, left = [], []
    for item in items:
        walk = (str(item.path), getattr(item, "originalname", item.name))
        if E2E not in item.path.parents or walk not in seen:
            seen.add(walk)
            kept.append(item)
        else:
            left.append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


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

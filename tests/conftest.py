from __future__ import annotations

import os

import pytest

# Tests hash passwords fast; production keeps PBKDF2.
os.environ.setdefault("VIP_FAST_HASHER", "1")


@pytest.fixture
def story(db: None) -> dict[str, object]:
    """The seeds' people: Anthony, Carol (sponsors), Bishal (migrant) and the officials."""
    from vip.demo.people import load_story

    return load_story()  # type: ignore[return-value]


@pytest.fixture
def api() -> object:
    from tests.cast import Api

    return Api()

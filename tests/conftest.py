from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hashers

# Tests hash passwords fast; production keeps PBKDF2. pytest-django has read the settings before
# this module runs, so the variable alone comes too late: the setting is changed here as well.
os.environ.setdefault("VIP_FAST_HASHER", "1")
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
get_hashers.cache_clear()


@pytest.fixture
def story(db: None) -> dict[str, object]:
    """The seeds' people: Anthony, Carol (sponsors), Bishal (migrant) and the officials."""
    from vip.demo.people import load_story

    return load_story()  # type: ignore[return-value]


@pytest.fixture
def api() -> object:
    from tests.cast import Api

    return Api()

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from vip.audit import checkpoints


@pytest.fixture
def signing_key(tmp_path: Path, settings: Settings) -> Path:
    """A fresh checkpoint key in its own file, named by VIP_AUDIT_SIGNING_KEY."""
    key = tmp_path / "audit.key"
    checkpoints.keygen(key)
    settings.VIP_AUDIT_SIGNING_KEY = str(key)
    return key

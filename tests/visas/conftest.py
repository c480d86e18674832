"""The visa the consequences' tests report on."""

from __future__ import annotations

import datetime as dt

import pytest

from vip.clock import now
from vip.people.models import User
from vip.visas.models import Visa

from tests.cast import active_visa


@pytest.fixture
def visa(story: dict[str, User]) -> Visa:
    """Bishal's visa, granted 120 days ago so that events may be reported late."""
    granted = active_visa(story["anthony"], story["bishal"])
    Visa.objects.filter(pk=granted.pk).update(applied_at=now() - dt.timedelta(days=120))
    granted.refresh_from_db()
    return granted

"""Each server process keeps its own indexes (gunicorn runs several): a change committed by one
reaches every other before its next query, through the change feed (matching.IndexChange)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.utils import timezone

from vip.matching import indexes, selectors
from vip.matching import services as matching
from vip.matching.models import IndexChange, SponsorshipRequest
from vip.matching.ranking.records import Level
from vip.matching.services import LanguageNeed
from vip.people.models import MigrantProfile, User

from tests.cast import fitting_bishal

OTHER_WORKER = """
from vip.boot import django_setup
django_setup()
from vip.people import services
from vip.people.models import User
bishal = User.objects.get(email="bishal@vip.example")
services.update_profile(bishal, {"languages": [{"code": "ne", "level": "native"}]})
"""


def carols_request(carol: User) -> SponsorshipRequest:
    return matching.create_request(
        user=carol,
        sponsor=carol,
        criteria=fitting_bishal(languages=(LanguageNeed("en", Level.B1),)),
    )


def shown(request: SponsorshipRequest) -> list[int]:
    return [c.id for c in selectors.candidates(request.pk, 20)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_change_another_process_commits_shows_here_without_a_rebuild(
    story: dict[str, User],
) -> None:
    bishal, request = story["bishal"], carols_request(story["carol"])
    built = indexes.current()
    assert bishal.pk in shown(request)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = os.environ | {"VIP_DATABASE_URL": url, "VIP_DEBUG": "1"}
    worker = subprocess.run(
        [sys.executable, "-c", OTHER_WORKER], env=env, capture_output=True, text=True
    )
    assert worker.returncode == 0, worker.stderr
    assert bishal.pk not in shown(request)
    assert indexes.current() is built


def test_a_change_committed_late_with_an_earlier_id_is_applied(story: dict[str, User]) -> None:
    bishal, request = story["bishal"], carols_request(story["carol"])
    now = timezone.now()
    IndexChange.objects.create(pk=10_000, kind=IndexChange.Kind.PEOPLE, user_ids=[], at=now)
    built = indexes.current()  # has read the feed up to 10 000
    assert bishal.pk in shown(request)
    MigrantProfile.objects.filter(user=bishal).update(
        languages=[{"code": "ne", "level": "native"}]
    )  # what a slow transaction of another process did, committing after id 10 000
    IndexChange.objects.create(pk=9_990, kind=IndexChange.Kind.PEOPLE, user_ids=[bishal.pk], at=now)
    assert bishal.pk not in shown(request)
    assert indexes.current() is built


def test_a_change_this_process_has_not_committed_is_not_applied(story: dict[str, User]) -> None:
    bishal, request = story["bishal"], carols_request(story["carol"])
    indexes.current()
    from vip.people import services as people

    people.update_profile(bishal, {"languages": [{"code": "ne", "level": "native"}]})
    # Still inside the test's transaction: nothing committed, the index keeps what was true.
    assert bishal.pk in shown(request)

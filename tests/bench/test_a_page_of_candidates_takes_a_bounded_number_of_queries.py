"""A page of candidates costs a fixed number of queries, whatever its length: no query per
candidate shown, and the search's rate counter a locked read and a write in the shared cache
(`vip.cache`), not the dozen Django's database cache spent on an `add` and an `incr`. Counted
with CaptureQueriesContext: a count, never a time."""

from __future__ import annotations

from typing import ClassVar

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from vip.people.models import User

from tests.cast import Api
from tests.matching.demo import ANTHONYS_REQUEST, demo_world

# The token, the request and its sponsor's record, the counter (2), the profile views, two
# audit records, and the page's people and verifications: 24 on SQLite today.
BOUND = 24


class APageOfCandidatesTakesABoundedNumberOfQueries(TestCase):
    story: ClassVar[dict[str, User]]
    request_id: ClassVar[int]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.story = demo_world(sponsors=20, migrants=300)
        wide = ANTHONYS_REQUEST | {"age": {"min": 18, "max": 60}}
        cls.request_id = Api().post("/requests", wide, as_=cls.story["anthony"])[1]["id"]

    def page(self, limit: int) -> tuple[int, int]:
        """The number of queries a page of `limit` takes, and the candidates on it."""
        api = Api()
        path = f"/requests/{self.request_id}/candidates?limit={limit}"
        api.get(path, as_=self.story["anthony"])  # the window's counter is added once
        with CaptureQueriesContext(connection) as queries:
            status, found = api.get(path, as_=self.story["anthony"])
        assert status == 200
        return len(queries.captured_queries), len(found["results"])

    def test_a_page_of_twenty_stays_within_the_bound(self) -> None:
        queries, shown = self.page(20)
        assert shown == 20
        assert queries <= BOUND

    def test_a_longer_page_takes_no_more_queries(self) -> None:
        assert self.page(20)[0] == self.page(5)[0]

    def test_the_rate_counter_is_one_locked_read_and_one_write(self) -> None:
        api = Api()
        path = f"/requests/{self.request_id}/candidates?limit=20"
        api.get(path, as_=self.story["anthony"])
        with CaptureQueriesContext(connection) as queries:
            api.get(path, as_=self.story["anthony"])
        counter = [q["sql"] for q in queries.captured_queries if "vip_cache" in q["sql"]]
        assert len(counter) == 2
        assert counter[0].startswith('SELECT "value" FROM "vip_cache"')
        assert counter[1].startswith('UPDATE "vip_cache"')

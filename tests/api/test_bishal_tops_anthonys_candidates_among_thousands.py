"""Done when: the seed story's Bishal tops Anthony's candidates against thousands of demo
migrants, with reasons, through the API."""

from __future__ import annotations

from typing import ClassVar

from django.test import TestCase

from vip.audit.models import AuditEvent
from vip.people.models import MigrantProfile, User

from tests.cast import Api
from tests.matching.demo import ANTHONYS_REQUEST, demo_world


class BishalTopsAnthonysCandidates(TestCase):
    story: ClassVar[dict[str, User]]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.story = demo_world(migrants=3000)

    def test_the_demo_has_thousands_of_migrants(self) -> None:
        assert MigrantProfile.objects.count() > 3000

    def test_bishal_is_anthonys_first_candidate_with_his_reasons(self) -> None:
        api, anthony, bishal = Api(), self.story["anthony"], self.story["bishal"]
        status, created = api.post("/requests", ANTHONYS_REQUEST, as_=anthony)
        assert status == 201
        status, found = api.get(f"/requests/{created['id']}/candidates?limit=20", as_=anthony)
        assert status == 200
        assert len(found["results"]) == 20
        first = found["results"][0]
        assert first["migrant"]["id"] == bishal.pk
        assert first["score"] == 1.0
        assert found["results"][1]["score"] < first["score"]  # first by score, not by a tie
        assert first["reasons"] == [
            "speaks en B2",
            "3 years in construction",
            "verified clean record",
            "verified health clearance",
            "both like cooking",
            "both like fishing",
            "both like football",
            "pay meets the worker's expectation",
            "housing meets the worker's need (private room)",
        ]
        scores = [c["score"] for c in found["results"]]
        assert scores == sorted(scores, reverse=True)

    def test_showing_verified_results_is_one_audited_sensitive_read(self) -> None:
        api, anthony = Api(), self.story["anthony"]
        created = api.post("/requests", ANTHONYS_REQUEST, as_=anthony)[1]
        before = AuditEvent.objects.filter(action="sensitive.read").count()
        found = api.get(f"/requests/{created['id']}/candidates?limit=5", as_=anthony)[1]
        reads = AuditEvent.objects.filter(action="sensitive.read").order_by("-id")
        assert reads.count() == before + 1
        event = reads.first()
        assert event is not None
        assert event.data["migrants"] == [c["migrant"]["id"] for c in found["results"]]
        assert event.data["kinds"] == ["criminal_record", "health"]

    def test_anthonys_request_is_among_bishals_opportunities(self) -> None:
        api, anthony, bishal = Api(), self.story["anthony"], self.story["bishal"]
        created = api.post("/requests", ANTHONYS_REQUEST, as_=anthony)[1]
        status, found = api.get("/me/opportunities", as_=bishal)
        assert status == 200
        mine = next(r for r in found["results"] if r["request"] == created["id"])
        assert mine["community"] == "springfield"
        assert "housing meets the worker's need (private room)" in mine["reasons"]

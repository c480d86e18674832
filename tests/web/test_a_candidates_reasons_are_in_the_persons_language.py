"""The reasons under each candidate and each opportunity are worded in the person's language (the
API keeps its English sentences)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from vip.demo.people import seed_request
from vip.matching.ranking.ranked import MatchReason, Why
from vip.people.models import User
from vip.web.templatetags.vip_reasons import reason

SPEAKS = MatchReason(Why.SPEAKS, "ne", "Nepali", level="native")
YEARS = MatchReason(Why.YEARS_IN, "construction", "construction", number=3)
HOUSING = MatchReason(Why.HOUSING_SHORT, "private_room", "private room")
PAY = MatchReason(Why.PAY_SHARE, number=90)


def test_the_api_says_each_reason_in_english() -> None:
    assert [str(r) for r in (SPEAKS, YEARS, HOUSING, PAY)] == [
        "speaks Nepali native",
        "3 years in construction",
        "housing short of the worker's need (private room)",
        "pay is 90% of the worker's expectation",
    ]


def test_the_portal_says_each_reason_in_spanish_and_nepali() -> None:
    with translation.override("es"):
        assert reason(SPEAKS) == "Habla nepalí (Nativo)"
        assert reason(YEARS) == "3 años en construction"
        assert reason(MatchReason(Why.YEARS_IN, "care", "care", number=1)) == "1 año en care"
        assert reason(PAY) == "El sueldo es el 90% de su expectativa"
    with translation.override("ne"):
        assert reason(SPEAKS).startswith("नेपाली बोल्छन्")
        assert reason(YEARS) == "construction मा 3 वर्ष"


def test_anthony_reads_bishals_reasons_in_spanish(story: dict[str, User]) -> None:
    request = seed_request()  # Anthony's, as in the seeds' story
    client = Client()
    client.force_login(story["anthony"])

    page = client.get(reverse("web:candidates", args=[request.pk]), HTTP_ACCEPT_LANGUAGE="es")

    text = page.content.decode()
    assert "Habla inglés (B2)" in text
    assert "speaks" not in text

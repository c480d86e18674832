"""VIP_PARAMETER_OVERLAY names a YAML file of dated values laid over the jurisdictions' own (the
demo's law, src/vip/demo/parameters.yaml): checked as theirs are, beside their dates, and each
laid value carries the overlay's reference, so every page that shows it says where it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vip.demo.law import DEMO_LAW
from vip.errors import Invalid, NotFound
from vip.policy.parameters import OVERLAY_VARIABLE, jurisdictions, load, overlay

WHY = "a pilot's trial"


def laid(values: dict[str, Any], reference: str = WHY) -> dict[str, Any]:
    return overlay(jurisdictions(), {"reference": reference, "values": values})


def test_a_laid_value_joins_the_jurisdictions_dates_with_the_overlays_reference() -> None:
    ca = laid({"CA": {"decision.manual_review": {dt.date(2025, 1, 1): True}}})["CA"]
    review = ca.parameters["decision.manual_review"]
    assert review.values == ((dt.date(2025, 1, 1), True), (dt.date(2027, 1, 1), True))
    assert review.reference == WHY
    assert ca.on(dt.date(2026, 6, 1))["decision.manual_review"] is True
    assert ca.parameters["pay.floor_annual"] == jurisdictions()["CA"].parameters["pay.floor_annual"]
    assert jurisdictions()["CA"].on(dt.date(2026, 6, 1))["decision.manual_review"] is False


@pytest.mark.parametrize(
    ("values", "reference", "error"),
    [
        ({"XX": {}}, WHY, NotFound),
        ({"US": {"no.such": {dt.date(2025, 1, 1): 1}}}, WHY, Invalid),
        ({"US": {"decision.manual_review": {dt.date(2025, 1, 1): 1}}}, WHY, Invalid),
        ({"US": {"welfare.first_checkin_days": {dt.date(2025, 1, 1): -1}}}, WHY, Invalid),
        ({"US": {"welfare.first_checkin_days": {"2025": 0}}}, WHY, Invalid),
        ({"US": {"sponsor.max_active_sponsorships": {dt.date(2026, 1, 1): 2}}}, WHY, Invalid),
        ({"US": {}}, " ", Invalid),
    ],
    ids=["jurisdiction", "name", "unit", "negative", "date", "one-at-a-time", "reference"],
)
def test_an_overlay_is_checked_whole(
    values: dict[str, Any], reference: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        laid(values, reference)


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    jurisdictions.cache_clear()
    yield
    jurisdictions.cache_clear()


def test_the_variable_lays_the_demos_law_and_without_it_the_law_is_the_jurisdictions(
    monkeypatch: pytest.MonkeyPatch, fresh_cache: None
) -> None:
    monkeypatch.setenv(OVERLAY_VARIABLE, str(DEMO_LAW))
    us = jurisdictions()["US"].on(dt.date(2026, 12, 3))
    assert us["welfare.first_checkin_days"] == 0
    assert jurisdictions()["CA"].on(dt.date(2026, 12, 3))["decision.manual_review"] is True
    monkeypatch.delenv(OVERLAY_VARIABLE)
    jurisdictions.cache_clear()
    assert jurisdictions()["US"].on(dt.date(2026, 12, 3))["welfare.first_checkin_days"] == 14


def test_the_demos_law_says_why_it_differs() -> None:
    document = load(Path(DEMO_LAW))
    assert "not the jurisdiction's" in document["reference"]

"""National parameters: dated, sourced, checked whole; lookup is the latest start on or before."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vip.errors import Invalid, NotFound
from vip.policy.parameters import (
    PARAMETER_DIR,
    REQUIRED,
    SCHEMA,
    Meaning,
    jurisdiction,
    load,
    parameters,
    parse,
    parse_schema,
)


def document(code: str = "US") -> dict[str, Any]:
    return load(PARAMETER_DIR / f"{code}.yaml")


def schema() -> dict[str, Meaning]:
    return parse_schema(load(SCHEMA))


@pytest.mark.parametrize("code", ["US", "CA"])
def test_every_parameter_has_a_unit_a_reference_and_a_description(code: str) -> None:
    for name, parameter in jurisdiction(code).parameters.items():
        assert parameter.unit and parameter.reference and parameter.description, name
    assert set(jurisdiction(code).parameters) >= REQUIRED


def test_two_jurisdictions_ship_each_in_its_own_currency() -> None:
    assert (jurisdiction("US").currency, jurisdiction("CA").currency) == ("USD", "CAD")


def test_the_books_half_gain_share_is_the_us_maximum() -> None:
    assert str(parameters("US", dt.date(2026, 1, 1)).fraction("gain_share.max_fraction")) == "1/2"


def test_a_value_takes_effect_on_its_date_and_not_before() -> None:
    assert parameters("CA", dt.date(2026, 12, 31))["decision.manual_review"] is False
    assert parameters("CA", dt.date(2027, 1, 1))["decision.manual_review"] is True


def test_before_any_value_the_parameter_is_not_in_force() -> None:
    with pytest.raises(NotFound):
        parameters("US", dt.date(2024, 12, 31))


@given(
    st.dictionaries(
        st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)),
        st.integers(0, 10**6),
        min_size=1,
        max_size=6,
    ),
    st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)),
)
def test_lookup_takes_the_latest_start_on_or_before_the_day(
    values: dict[dt.date, int], day: dt.date
) -> None:
    doc = document()
    doc["values"]["fine.crime"] = values
    fine = parse(schema(), doc).parameters["fine.crime"]
    started = [start for start in values if start <= day]
    if started:
        assert fine.at(day) == values[max(started)]
    else:
        with pytest.raises(NotFound):
            fine.at(day)


def test_an_override_is_checked_whole_before_it_applies() -> None:
    us = jurisdiction("US")
    day = dt.date(2026, 1, 1)
    assert us.on(day, {"fine.crime": 1_000_00}).money("fine.crime").amount == 1_000_00
    with pytest.raises(Invalid) as unknown:
        us.on(day, {"fine.crimes": 1})
    assert unknown.value.code == "PARAMETER_UNKNOWN"
    for bad in (
        {"gain_share.max_fraction": 1.5},
        {"fine.crime": -1},
        {"fine.crime": "a lot"},
        {"decision.manual_review": 1},
    ):
        with pytest.raises(Invalid):
            us.on(day, bad)


@pytest.mark.parametrize("field", ["unit", "reference", "description"])
def test_a_schema_missing_a_field_is_refused(field: str) -> None:
    doc = load(SCHEMA)
    del doc["parameters"]["fine.crime"][field]
    with pytest.raises(Invalid):
        parse_schema(doc)


def test_a_schema_missing_a_parameter_the_code_reads_is_refused() -> None:
    doc = load(SCHEMA)
    del doc["parameters"]["fine.crime"]
    with pytest.raises(Invalid) as refused:
        parse_schema(doc)
    assert refused.value.code == "PARAMETER_MISSING"


def test_a_parameter_file_cannot_lift_one_sponsorship_at_a_time() -> None:
    doc = document()
    doc["values"]["sponsor.max_active_sponsorships"] = {dt.date(2025, 1, 1): 2}
    with pytest.raises(Invalid):
        parse(schema(), doc)


def test_a_parameter_file_missing_a_parameter_of_the_schema_is_refused() -> None:
    doc = document()
    del doc["values"]["fine.crime"]
    with pytest.raises(Invalid) as refused:
        parse(schema(), doc)
    assert refused.value.code == "PARAMETER_MISSING"


def test_a_parameter_file_in_an_unknown_currency_is_refused() -> None:
    doc = document()
    doc["currency"] = "XYZ"
    with pytest.raises(Invalid):
        parse(schema(), doc)

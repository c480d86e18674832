"""The schema states each parameter's meaning, unit and reference once; a jurisdiction's file
states its dated values, and a reference of its own only where it has one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from vip.errors import Invalid
from vip.policy.parameters import PARAMETER_DIR, SCHEMA, load, parse, parse_schema

START = dt.date(2026, 1, 1)


def third_jurisdiction() -> dict[str, Any]:
    """A new jurisdiction: a code, a name, a currency and one value per parameter, no more."""
    us = load(PARAMETER_DIR / "US.yaml")
    return {
        "jurisdiction": "DE",
        "name": "Germany",
        "currency": "EUR",
        "values": {name: {START: dict(dated).popitem()[1]} for name, dated in us["values"].items()},
    }


def test_a_third_jurisdiction_is_its_values_alone() -> None:
    germany = parse(parse_schema(load(SCHEMA)), third_jurisdiction())
    fine = germany.parameters["fine.crime"]
    assert (fine.unit, fine.values) == ("currency_minor", ((START, 5000_00),))
    assert fine.description and fine.reference
    assert germany.on(START).money("fine.crime").currency == "EUR"


@pytest.mark.parametrize("code", ["US", "CA"])
def test_a_shipped_jurisdiction_repeats_nothing_of_the_schema(code: str) -> None:
    document = load(PARAMETER_DIR / f"{code}.yaml")
    assert set(document) <= {"jurisdiction", "name", "currency", "values", "references"}
    for dated in document["values"].values():
        assert all(isinstance(start, dt.date) for start in dated)


def test_a_reference_of_one_jurisdiction_replaces_the_schemas_there_only() -> None:
    schema = parse_schema(load(SCHEMA))
    document = third_jurisdiction()
    document["references"] = {"fine.crime": "Aufenthaltsgesetz § 1 (illustrative)"}
    germany = parse(schema, document)
    assert germany.parameters["fine.crime"].reference == "Aufenthaltsgesetz § 1 (illustrative)"
    assert (
        germany.parameters["fine.disappearance"].reference == schema["fine.disappearance"].reference
    )


@pytest.mark.parametrize(
    ("section", "entry"),
    [
        ("values", {"fine.crimes": {START: 1}}),
        ("references", {"fine.crimes": "a law"}),
    ],
)
def test_a_parameter_the_schema_does_not_know_is_refused(
    section: str, entry: dict[str, Any]
) -> None:
    document = third_jurisdiction()
    document.setdefault(section, {}).update(entry)
    with pytest.raises(Invalid) as refused:
        parse(parse_schema(load(SCHEMA)), document)
    assert refused.value.code == "PARAMETER_UNKNOWN"


def test_a_value_restating_its_unit_is_refused() -> None:
    document = third_jurisdiction()
    document["values"]["fine.crime"] = {"unit": "currency_minor", START: 1}
    with pytest.raises(Invalid) as refused:
        parse(parse_schema(load(SCHEMA)), document)
    assert refused.value.code == "PARAMETER_INVALID"

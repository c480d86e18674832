"""National parameters: a schema stated once (what each parameter means, its unit, its reference)
and dated values per jurisdiction, looked up as "latest start on or before" (OpenFisca's layout)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

from vip.errors import Invalid, NotFound
from vip.money import MINOR_UNITS, Money

PARAMETER_DIR = Path(__file__).with_name("parameters")
SCHEMA = PARAMETER_DIR / "schema.yaml"  # every other YAML file there is one jurisdiction's values
# A YAML file of dated values laid over the jurisdictions' own (`overlay`): the demo's law.
OVERLAY_VARIABLE = "VIP_PARAMETER_OVERLAY"

# What the code reads; the schema must define each of them.
REQUIRED = {
    "sponsor.min_age",
    "sponsor.max_active_sponsorships",
    "sponsor.may_sponsor_with_unpaid_fines",
    "migrant.min_age",
    "fine.crime",
    "fine.disappearance",
    "fine.disappearance_late_extra",
    "disappearance.report_window_days",
    "support.monthly_unemployment",
    "support.prorate_month_begun",
    "insurance.min_coverage",
    "insurance.min_period_months",
    "gain_share.max_fraction",
    "pay.floor_annual",
    "agreement.max_months",
    "agreement.max_start_ahead_months",
    "agreement.offer_valid_days",
    "safeguard.min_adults_for_other_adults",
    "decision.manual_review",
    "deportation.bar_years",
    "amnesty.window_start",
    "amnesty.window_end",
    "auction.registration_fee",
    "auction.deposit",
    "auction.agency_cap_share",
    "auction.payment_days",
    "dividend.cost_share",
    "dividend.min_age",
    "dividend.min_residence_months",
    "welfare.first_checkin_days",
    "welfare.checkin_interval_days",
    "welfare.checkin_grace_days",
}


class Unit(StrEnum):
    """What a parameter's value is (schema.yaml's `unit`): how it is checked and shown."""

    BOOLEAN = "boolean"
    DATE = "date"
    FRACTION = "fraction"  # between 0 and 1
    CURRENCY_MINOR = "currency_minor"  # an amount in the jurisdiction's currency's minor units
    YEAR = "year"
    COUNT = "count"
    DAY = "day"
    MONTH = "month"


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: Unit
    reference: str
    values: tuple[tuple[dt.date, Any], ...]  # sorted by start date

    def at(self, day: dt.date) -> Any:
        current = None
        for start, value in self.values:
            if start > day:
                break
            current = value
        if current is None:
            raise NotFound("PARAMETER_NOT_IN_FORCE", f"{self.name} has no value on {day}")
        return current


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    currency: str
    parameters: dict[str, Parameter]

    def on(self, day: dt.date, overrides: dict[str, Any] | None = None) -> Parameters:
        values = {name: p.at(day) for name, p in self.parameters.items()}
        for name, value in (overrides or {}).items():
            if name not in self.parameters:
                raise Invalid("PARAMETER_UNKNOWN", f"{self.code} has no parameter {name!r}")
            values[name] = _check_value(self.parameters[name], value)
        return Parameters(self, day, values)


@dataclass(frozen=True)
class Parameters:
    """Every parameter of one jurisdiction in force on one day."""

    jurisdiction: Jurisdiction
    day: dt.date
    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def money(self, name: str) -> Money:
        return Money(int(self.values[name]), self.jurisdiction.currency)

    def fraction(self, name: str) -> Fraction:
        return Fraction(str(self.values[name]))

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in self.values.items():
            unit = self.jurisdiction.parameters[name].unit
            if unit == Unit.CURRENCY_MINOR:
                out[name] = {"amount": value, "currency": self.jurisdiction.currency}
            elif unit == Unit.DATE:
                out[name] = value.isoformat()
            else:
                out[name] = value
        return out


UNIT_TYPES: dict[Unit, type | tuple[type, ...]] = {
    Unit.BOOLEAN: bool,
    Unit.DATE: dt.date,
    Unit.FRACTION: (int, float),
    Unit.CURRENCY_MINOR: int,
    Unit.YEAR: int,
    Unit.COUNT: int,
    Unit.DAY: int,
    Unit.MONTH: int,
}


def _check_value(parameter: Parameter, value: Any) -> Any:
    if isinstance(value, bool) != (parameter.unit == Unit.BOOLEAN):
        raise Invalid("PARAMETER_INVALID", f"{parameter.name} is in the unit {parameter.unit}")
    if not isinstance(value, UNIT_TYPES[parameter.unit]):
        raise Invalid("PARAMETER_INVALID", f"{parameter.name} is in the unit {parameter.unit}")
    if parameter.unit in {Unit.BOOLEAN, Unit.DATE}:
        return value
    number = float(cast(float, value))
    if parameter.unit == Unit.FRACTION and not 0 <= number <= 1:
        raise Invalid("PARAMETER_INVALID", f"{parameter.name} must lie between 0 and 1")
    if number < 0:
        raise Invalid("PARAMETER_INVALID", f"{parameter.name} must not be negative")
    return value


@dataclass(frozen=True)
class Meaning:
    """A parameter as the schema states it, for every jurisdiction."""

    description: str
    unit: Unit
    reference: str


def parse_schema(document: dict[str, Any]) -> dict[str, Meaning]:
    """Read the schema, checking every parameter has a known unit, a description and a reference."""
    schema: dict[str, Meaning] = {}
    for name, spec in document["parameters"].items():
        if spec.get("unit") not in UNIT_TYPES:
            raise Invalid("PARAMETER_INVALID", f"{name}: unknown unit {spec.get('unit')!r}")
        for field in ("description", "reference"):
            if not spec.get(field):
                raise Invalid("PARAMETER_INVALID", f"{name}: {field} is required")
        schema[name] = Meaning(spec["description"], Unit(spec["unit"]), spec["reference"])
    missing = REQUIRED - schema.keys()
    if missing:
        raise Invalid("PARAMETER_MISSING", f"the schema misses {sorted(missing)}")
    return schema


def parse(schema: dict[str, Meaning], document: dict[str, Any]) -> Jurisdiction:
    """Build a jurisdiction from its values file, checking it whole against the schema."""
    code = document["jurisdiction"]
    given: dict[str, Any] = document.get("values") or {}
    references: dict[str, str] = document.get("references") or {}
    unknown = (given.keys() | references.keys()) - schema.keys()
    if unknown:
        raise Invalid("PARAMETER_UNKNOWN", f"{code}: no parameter {sorted(unknown)} in the schema")
    missing = schema.keys() - given.keys()
    if missing:
        raise Invalid("PARAMETER_MISSING", f"{code}: missing {sorted(missing)}")
    parameters: dict[str, Parameter] = {}
    for name, meaning in schema.items():
        dated = given[name]
        if (
            not isinstance(dated, dict)
            or not dated
            or not all(isinstance(start, dt.date) for start in dated)
        ):
            raise Invalid("PARAMETER_INVALID", f"{code}: {name} must map start dates to values")
        reference = references.get(name, meaning.reference)
        parameter = Parameter(name, meaning.description, meaning.unit, reference, ())
        values = tuple(sorted((start, _check_value(parameter, v)) for start, v in dated.items()))
        parameters[name] = replace(parameter, values=values)
    if document.get("currency") not in MINOR_UNITS:
        raise Invalid("PARAMETER_INVALID", f"unknown currency {document.get('currency')!r}")
    _one_at_a_time(parameters)
    return Jurisdiction(code, document["name"], document["currency"], parameters)


def load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(path.read_text())
    return document


def _one_at_a_time(parameters: dict[str, Parameter]) -> None:
    """Partial unique indexes hold the program's "one at a time"; a YAML cannot lift it."""
    if any(v != 1 for _, v in parameters["sponsor.max_active_sponsorships"].values):
        raise Invalid("PARAMETER_INVALID", "sponsor.max_active_sponsorships must be 1")


def overlay(found: dict[str, Jurisdiction], document: dict[str, Any]) -> dict[str, Jurisdiction]:
    """Dated values laid over the jurisdictions' own, checked as theirs are: each named
    parameter takes the overlay's dates beside its own (the same date: the overlay's value), and
    the overlay's reference, so every page that shows the parameter says where it came from.
    The layout: `reference: why`, then `values: {CODE: {name: {date: value}}}`."""
    reference = document.get("reference")
    if not isinstance(reference, str) or not reference.strip():
        raise Invalid("PARAMETER_INVALID", "an overlay states its reference (why it applies)")
    out = dict(found)
    for code, given in (document.get("values") or {}).items():
        if code not in out:
            raise NotFound("JURISDICTION_UNKNOWN", f"the overlay names no jurisdiction {code!r}")
        laid = dict(out[code].parameters)
        for name, dated in (given or {}).items():
            if name not in laid:
                raise Invalid("PARAMETER_UNKNOWN", f"{code} has no parameter {name!r}")
            if not isinstance(dated, dict) or not all(isinstance(d, dt.date) for d in dated):
                raise Invalid("PARAMETER_INVALID", f"{code}: {name} must map start dates to values")
            own = laid[name]
            values = dict(own.values) | {start: _check_value(own, v) for start, v in dated.items()}
            laid[name] = replace(own, values=tuple(sorted(values.items())), reference=reference)
        _one_at_a_time(laid)
        out[code] = replace(out[code], parameters=laid)
    return out


@cache
def jurisdictions() -> dict[str, Jurisdiction]:
    schema = parse_schema(load(SCHEMA))
    found = {}
    for path in sorted(PARAMETER_DIR.glob("*.yaml")):
        if path != SCHEMA:
            jurisdiction = parse(schema, load(path))
            found[jurisdiction.code] = jurisdiction
    # Read here, not from Django's settings: `vip simulate` and the reference need no Django.
    laid_over = os.environ.get(OVERLAY_VARIABLE)
    return overlay(found, load(Path(laid_over))) if laid_over else found


def jurisdiction(code: str) -> Jurisdiction:
    try:
        return jurisdictions()[code]
    except KeyError:
        raise NotFound("JURISDICTION_UNKNOWN", f"no jurisdiction {code!r}") from None


def parameters(code: str, day: dt.date) -> Parameters:
    return jurisdiction(code).on(day)

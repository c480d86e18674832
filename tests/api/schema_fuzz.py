"""Bad input derived from API v1's OpenAPI document: for each operation, a valid call and the
many ways to spoil it (malformed JSON, wrong types, missing fields, out-of-range numbers, invalid
dates, unknown enum values, strings and non-existent numbers where ids go), and hypothesis
strategies for bodies of any shape.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from vip.clock import now, today
from vip.demo.people import DEMO_PASSWORD

from tests.api.matrix import MATRIX, openapi
from tests.api.world import World
from tests.cast import Api

Json = Any
PREFIX = "/api/v1"


def resolve(schema: Json) -> Json:
    """The schema with every $ref to components replaced by its target."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return resolve(openapi()["components"]["schemas"][name])
        if len(schema.get("allOf", [])) == 1:  # a reference with a default beside it
            (target,) = schema["allOf"]
            rest = {key: value for key, value in schema.items() if key != "allOf"}
            return {**resolve(target), **resolve(rest)}
        return {key: resolve(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [resolve(item) for item in schema]
    return schema


def operation(method: str, path: str) -> Json:
    return openapi()["paths"][PREFIX + path][method.lower()]


def body_schema(method: str, path: str) -> Json | None:
    body = operation(method, path).get("requestBody")
    return resolve(body["content"]["application/json"]["schema"]) if body else None


def query_parameters(method: str, path: str) -> list[Json]:
    return [p for p in operation(method, path).get("parameters", []) if p["in"] == "query"]


def is_date(value: Json) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def is_datetime(value: Json) -> bool:
    try:
        dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def accepts(schema: Json, value: Json) -> bool:
    """Whether the (resolved) JSON schema admits the value: the subset API v1's schemas use."""
    if "anyOf" in schema:
        return any(accepts(branch, value) for branch in schema["anyOf"])
    if "enum" in schema and value not in schema["enum"]:
        return False
    kind = schema.get("type")
    checks: dict[str | None, Callable[[Json], bool]] = {
        "null": lambda v: v is None,
        "boolean": lambda v: isinstance(v, bool),
        # As the API's parser (pydantic, lax): true and false are the integers 1 and 0.
        "integer": lambda v: isinstance(v, int),
        "number": lambda v: isinstance(v, int | float),
        "string": lambda v: isinstance(v, str),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
        None: lambda v: True,
    }
    if schema.get("format") == "date-time" and isinstance(value, int | float):
        return True  # lax, as the parser: seconds since 1970
    if not checks[kind](value):
        return False
    if kind in {"integer", "number"}:
        return schema.get("minimum", value) <= value <= schema.get("maximum", value)
    if kind == "string":
        if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
            return False
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return False
        fmt = schema.get("format")
        return (fmt != "date" or is_date(value)) and (fmt != "date-time" or is_datetime(value))
    if kind == "array":
        return all(accepts(schema.get("items", {}), item) for item in value)
    if kind == "object":
        properties = schema.get("properties", {})
        return set(schema.get("required", [])) <= set(value) and all(
            accepts(properties[k], v) for k, v in value.items() if k in properties
        )
    return True


# Values that both the schema and the API's parser refuse, by the type a field wants.
WRONG: dict[str, list[Json]] = {
    "integer": ["twelve", 1.5, [], {}, None],
    "number": ["a lot", [], {}, None],
    "string": [12, 1.5, True, [], {}, None],
    "boolean": ["maybe", 2, [], {}, None],
    "array": ["x", 3, {}, None],
    "object": ["x", 3, [], None],
}
# Odd values a field of the type may be sent: the API may take them or refuse them, never crash.
ODD: dict[str, list[Json]] = {
    "integer": [0, -1, -(10**30), 10**30, 2**63, 2**63 - 1, -(2**63), True],
    "number": [0, -1.5, 1e308, -1e308, 10**30, 0.1 + 0.2],
    "string": ["", " ", "\x00", "nul\x00inside", "\U0001f642" * 3, "x" * 10_000, "'; --"],
    "date": ["2026-02-30", "2026-13-01", "yesterday", "0000-00-00", "0001-01-01", "9999-12-31"],
    "date-time": [
        "2026-12-01T15:00:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "2026-12-01T25:00:00Z",
        "soon",
    ],
    "enum": ["no_such_value", "", "APPROVED"],
    "array": [[], [None], [{"x": 1}], list(range(1000))],
    "object": [{}, {"\x00": "\x00"}, {"deep": [[[[{"x": None}]]]]}],
}


def kinds(schema: Json) -> list[str]:
    if "anyOf" in schema:
        return [k for branch in schema["anyOf"] for k in kinds(branch)]
    kind = schema.get("type", "object")
    if "enum" in schema:
        return ["enum", kind]
    if schema.get("format") in {"date", "date-time"}:
        return [schema["format"], kind]
    return [kind]


@dataclass(frozen=True)
class Spoiled:
    label: str
    body: Json


def fields(schema: Json, value: Json, at: tuple[str | int, ...] = ()) -> Iterator[Json]:
    """(location, schema, value) of every field in the body, nested objects and items too."""
    yield at, schema, value
    for branch in schema.get("anyOf", []):
        if branch.get("type") in {"object", "array"} and accepts(branch, value):
            yield from fields(branch, value, at)
    if schema.get("type") == "object" and isinstance(value, dict):
        for name, sub in schema.get("properties", {}).items():
            yield from fields(sub, value.get(name), (*at, name))
    if schema.get("type") == "array" and isinstance(value, list) and value:
        yield from fields(schema.get("items", {}), value[0], (*at, 0))


def put(body: Json, at: tuple[str | int, ...], value: Json, remove: bool = False) -> Json:
    """A copy of the body with the value at the location replaced (or removed)."""
    body = json.loads(json.dumps(body))
    if not at:
        return value
    *parents, last = at
    node = body
    for step in parents:
        node = node[step]
    if remove:
        node.pop(last, None)
    else:
        node[last] = value
    return body


def spoiled_bodies(schema: Json, valid: Json) -> Iterator[Spoiled]:
    for at, sub, value in fields(schema, valid):
        where = ".".join(map(str, at)) or "body"
        if isinstance(value, dict) and sub.get("type") == "object":
            for name in sub.get("required", []):
                yield Spoiled(f"{where}.{name} missing", put(valid, (*at, name), None, True))
            yield Spoiled(f"{where}: unknown field", put(valid, (*at, "no_such_field"), 1))
        for kind in kinds(sub):
            for odd in WRONG.get(kind, []) + ODD.get(kind, []):
                yield Spoiled(f"{where} = {odd!r:.40}", put(valid, at, odd))


MALFORMED: list[str | bytes] = [
    "",
    "{",
    "not json",
    '{"a": }',
    "[]",
    "null",
    "42",
    '"text"',
    "[{}]",
    b"\xff\xfe{",  # not UTF-8
    "NaN",
    '{"nan": NaN, "inf": Infinity}',
]

ID_PATHS = ["0", "-1", "abc", "1.5", "1e3", "99999999999999999999", str(2**63), str(2**63 - 1)]
CODE_PATHS = ["XX", "%00", "a" * 300, "%F0%9F%99%82", "..", "%2F"]


def json_values() -> st.SearchStrategy[Json]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    )


def from_schema(schema: Json) -> st.SearchStrategy[Json]:
    """Mostly well-typed values for the schema, often out of range, sometimes anything at all."""
    if "anyOf" in schema:
        return st.one_of([from_schema(branch) for branch in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"]) | st.text(max_size=12)
    kind, fmt = schema.get("type"), schema.get("format")
    typed: st.SearchStrategy[Json]
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        typed = st.fixed_dictionaries(
            {k: from_schema(v) for k, v in properties.items() if k in required},
            optional={k: from_schema(v) for k, v in properties.items() if k not in required},
        )
    elif kind == "array":
        typed = st.lists(from_schema(schema.get("items", {})), max_size=3)
    elif fmt == "date":
        typed = st.dates().map(dt.date.isoformat) | st.sampled_from(ODD["date"])
    elif fmt == "date-time":
        typed = st.datetimes(timezones=st.timezones()).map(dt.datetime.isoformat)
    elif kind == "string":
        typed = st.text(max_size=schema.get("maxLength", 40) + 2)
    elif kind == "integer":
        typed = st.integers() | st.sampled_from(ODD["integer"])
    elif kind == "number":
        typed = st.floats(allow_nan=False, allow_infinity=False) | st.integers()
    elif kind == "boolean":
        typed = st.booleans()
    elif kind == "null":
        typed = st.none()
    else:
        typed = json_values()
    return st.one_of(typed, typed, typed, json_values())


# Who calls each operation that is not an object endpoint, and what a good call sends.
CALLERS: dict[tuple[str, str], str | None] = {
    ("POST", "/accounts"): None,
    ("POST", "/auth/token"): None,
    ("DELETE", "/auth/token"): "anthony",
    ("GET", "/me/tokens"): "anthony",
    ("PUT", "/me/password"): "bishal",
    ("GET", "/me"): "anthony",
    ("PUT", "/me/profile"): "bishal",
    ("POST", "/me/delegations"): "carol",
    ("GET", "/jurisdictions"): None,
    ("GET", "/communities"): None,
    ("POST", "/communities"): "authority",
    ("POST", "/requests"): "anthony",
    ("GET", "/me/opportunities"): "bishal",
    ("GET", "/me/views"): "bishal",
    ("GET", "/me/export"): "bishal",
    ("GET", "/me/requests"): "anthony",
    ("DELETE", "/me/delegations"): "anthony",
    ("GET", "/me/clients"): "agency",
    ("GET", "/me/complaints"): "bishal",
    ("GET", "/agencies"): "anthony",
    ("GET", "/me/agreements"): "bishal",
    ("POST", "/agreements"): "frank",
    ("POST", "/visas"): "anthony",
    ("GET", "/me/fines"): "carol",
    ("POST", "/amnesty"): "authority",
    ("GET", "/me/ledger"): "anthony",
    ("GET", "/me/visas"): "anthony",
    ("GET", "/complaints"): "authority",
    ("POST", "/me/blocks"): "anthony",
    ("GET", "/auctions"): "bishal",
    ("GET", "/me/registrations"): "bishal",
    ("POST", "/auctions"): "authority",
}

MONEY = {"amount": 12_000_00, "currency": "USD"}
BODIES: dict[tuple[str, str], Callable[[World], Json]] = {
    ("POST", "/me/blocks"): lambda w: {"person": w.people["dawa"].pk},
    ("POST", "/accounts"): lambda w: {
        "email": "hari@test.vip.example",
        "password": "long enough",
        "role": "sponsor",
        "full_name": "Hari",
        "birth_date": "1990-05-01",
        "country": "US",
        "citizenship": "US",
        "community": "springfield",
    },
    ("POST", "/auth/token"): lambda w: {
        "email": w.people["anthony"].email,  # a demo login: his address is confirmed
        "password": DEMO_PASSWORD,
    },
    ("PUT", "/me/password"): lambda w: {"current": DEMO_PASSWORD, "new": "a new long passphrase"},
    ("PUT", "/me/profile"): lambda w: {
        "languages": [{"code": "en", "level": "B2"}],
        "sectors": [{"code": "construction", "years": 3}],
        "countries_worked": ["AE"],
        "home_annual_earnings": {"amount": 2_400_00, "currency": "USD"},
        "interests": ["football"],
        "preferences": {"heritage": "any"},
    },
    ("POST", "/me/delegations"): lambda w: {"agency": w.people["agency"].pk},
    ("POST", "/communities"): lambda w: {
        "code": "shelbyville",
        "name": "Shelbyville",
        "jurisdiction": "US",
        "population": 10_000,
    },
    ("POST", "/requests"): lambda w: {
        "languages": [{"code": "en", "min_level": "B1"}],
        "age": {"min": 20, "max": 29},
        "sectors": [{"code": "construction", "min_years": 1}],
        "clean_record": True,
        "health_clearance": True,
    },
    ("POST", "/agreements"): lambda w: {
        "migrant": w.people["gita"].pk,
        "start_date": today().isoformat(),
        "duration_months": 12,
        "annual_pay": MONEY,
        "housing": "spare room",
        "work": "for_sponsor",
        "gain_share": "1/2",
        "sector": "construction",
    },
    ("POST", "/visas"): lambda w: {
        "agreement": w.offer.pk,
        "insurance": {
            "provider": "Mutual Health",
            "policy_number": "MH-1",
            "coverage": {"amount": 150_000_00, "currency": "USD"},
            "valid_from": w.offer.start_date.isoformat(),
            "valid_to": (w.offer.start_date + dt.timedelta(days=400)).isoformat(),
        },
    },
    ("POST", "/auctions"): lambda w: {
        "code": "US-FUZZ",
        "jurisdiction": "US",
        "quota": 10,
        "term_months": 24,
        "reserve": 1000_00,
        "registration_opens": (now() + dt.timedelta(days=1)).isoformat(),
        "registration_closes": (now() + dt.timedelta(days=8)).isoformat(),
        "bidding_opens": (now() + dt.timedelta(days=8)).isoformat(),
        "bidding_closes": (now() + dt.timedelta(days=15)).isoformat(),
    },
    ("POST", "/amnesty"): lambda w: {
        "person": w.people["gita"].pk,
        "jurisdiction": "US",
        "path": "sponsorship",
        "received_on": today().isoformat(),
    },
}


def caller_of(method: str, path: str) -> str | None:
    if (method, path) in MATRIX:
        return min(MATRIX[method, path].allowed)
    return CALLERS[method, path]


def valid_body(world: World, method: str, path: str) -> Json | None:
    row = MATRIX.get((method, path))
    make = row.body if row else BODIES.get((method, path))
    return make(world) if make else None


def valid_path(world: World, method: str, path: str) -> str:
    row = MATRIX.get((method, path))
    return re.sub(r"\{[^}]+\}", str(row.target(world)), path) if row else path


def send(
    api: Api,
    world: World,
    method: str,
    path: str,
    where: str,
    raw: str | bytes | None = None,
    body: Json = None,
) -> tuple[int, Json]:
    """One call to `where` as the caller of the operation (method, path template); a crash
    comes back as a 500, not an exception."""
    role = caller_of(method, path)
    who = world.people[role] if role else None
    data = raw if raw is not None else json.dumps(body) if body is not None else None
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api.token(who)}"} if who else {}
    response = api.client.generic(
        method, PREFIX + where, data=data or "", content_type="application/json", **headers
    )
    try:
        payload = json.loads(response.content) if response.content else None
    except ValueError:
        payload = response.content[:200]
    return response.status_code, payload


def is_error_shaped(payload: Json) -> bool:
    return (
        isinstance(payload, dict)
        and set(payload) == {"error"}
        and isinstance(payload["error"], dict)
        and set(payload["error"]) == {"code", "message", "details"}
        and isinstance(payload["error"]["code"], str)
        and isinstance(payload["error"]["details"], dict)
    )

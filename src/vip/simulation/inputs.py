"""Scenario inputs: presets as YAML data, `--set dotted.key=value` overrides, validation.

Every input is a `value` with a `unit` and a `source` (a quote from the book, or the word
"assumption"), in the spirit of OpenFisca parameters. A scenario is checked whole before it runs:
an unknown key or a nonsense value is an `InputError` naming the key.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


class Mode(StrEnum):
    """How a scenario runs: the book's arithmetic at once, or its agents' equilibrium."""

    ACCOUNTING = "accounting"
    EQUILIBRIUM = "equilibrium"


class Mechanism(StrEnum):
    """`mechanism.name`: who is admitted, and how, in an equilibrium."""

    STATUS_QUO = "status_quo"
    AUCTION = "auction"
    VIP = "vip"


class VipTransfer(StrEnum):
    """`mechanism.vip_transfer`: what a VIP migrant pays his sponsor."""

    GAIN_SHARE = "gain_share"  # a share of the gain (`vip.gain_share`)
    MARKET = "market"  # the price that clears the market


Value = float | str


class InputError(ValueError):
    """A scenario input that is unknown or out of its domain; the message names the key."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key


@dataclass(frozen=True)
class Domain:
    """What values a key accepts: a number within bounds, or one of a few words."""

    minimum: float = 0.0
    maximum: float = math.inf
    exclusive_minimum: bool = False
    integer: bool = False
    choices: tuple[str, ...] = ()

    def check(self, key: str, raw: object) -> Value:
        if self.choices:
            return self._check_choice(key, raw)
        number = _as_number(key, raw)
        if self.integer and number != int(number):
            raise InputError(key, f"must be a whole number, got {raw!r}")
        too_low = number <= self.minimum if self.exclusive_minimum else number < self.minimum
        if too_low or number > self.maximum:
            raise InputError(key, f"must be {self._describe()}, got {raw!r}")
        return number

    def _check_choice(self, key: str, raw: object) -> str:
        if raw not in self.choices:
            raise InputError(key, f"must be one of {', '.join(self.choices)}, got {raw!r}")
        return str(raw)

    def _describe(self) -> str:
        low = f"> {self.minimum:g}" if self.exclusive_minimum else f">= {self.minimum:g}"
        high = "" if math.isinf(self.maximum) else f" and <= {self.maximum:g}"
        return low + high


def _as_number(key: str, raw: object) -> float:
    if isinstance(raw, bool):
        raise InputError(key, f"must be a number, got {raw!r}")
    try:
        number = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(key, f"must be a number, got {raw!r}") from None
    if not math.isfinite(number):
        raise InputError(key, f"must be a finite number, got {raw!r}")
    return number


NON_NEGATIVE = Domain()
POSITIVE = Domain(exclusive_minimum=True)
SHARE = Domain(maximum=1.0)
OPEN_SHARE = Domain(maximum=1.0, exclusive_minimum=True)
PROPER_SHARE = Domain(maximum=0.999)
# A tally is communities x bins floats per chunk: these bounds keep it under about 100 MiB.
COMMUNITIES = Domain(minimum=1.0, maximum=1000.0, integer=True)

# Keys whose domain is not the default "a number >= 0". Origins are open-ended (any name).
_DOMAINS: dict[str, Domain] = {
    "migrants.share_of_host_population": NON_NEGATIVE,
    "world.host_share_of_global_income": OPEN_SHARE,
    "vip.gain_share": PROPER_SHARE,
    "obligations.unemployment_probability": SHARE,
    "obligations.crime_probability": SHARE,
    "obligations.disappearance_probability": SHARE,
    "communities.cap_share": SHARE,
    "communities.open_zone_share": SHARE,
    "communities.count": COMMUNITIES,
    "labour.demand_elasticity": POSITIVE,
    "mechanism.name": Domain(choices=tuple(Mechanism)),
    "mechanism.vip_transfer": Domain(choices=tuple(VipTransfer)),
    "simulation.agents": Domain(minimum=2.0, integer=True),
    "simulation.chunk_agents": Domain(minimum=2.0, integer=True),
    "simulation.seed": Domain(integer=True),
    "simulation.bins": Domain(minimum=16.0, maximum=8192.0, integer=True),
    "host.population": POSITIVE,
    "host.adults": POSITIVE,
    "host.gdp_per_capita": POSITIVE,
    "world.population": POSITIVE,
    "world.income_per_head": POSITIVE,
    "migrants.home_income_per_year": POSITIVE,
    "migrants.pool": POSITIVE,
    "labour.migrant_wage": POSITIVE,
    "labour.segment_workers": POSITIVE,
}
_ORIGIN_KEY = re.compile(
    r"^migrants\.origins\.[a-z0-9_]+\.(share|home_income_median|home_income_sigma)$"
)
_KNOWN_KEYS = frozenset(
    {
        *_DOMAINS,
        "auction.bid_per_year",
        "host.median_family_income",
        "migrants.gain_per_year",
        "migrants.current",
        "migrants.pay_from_sponsor_per_year",
        "migrants.moving_cost_median",
        "migrants.moving_cost_sigma",
        "vip.sponsors",
        "household.sponsors_per_family_of_four",
        "obligations.insurance_premium",
        "obligations.support_per_year",
        "obligations.crime_fine",
        "obligations.disappearance_fine",
        "natives.income_median",
        "natives.income_sigma",
        "hosting.cost_median",
        "hosting.cost_sigma",
        "hosting.income_elasticity",
        "mechanism.status_quo_visas",
        "mechanism.auction_quota",
    }
)


def domain_of(key: str) -> Domain:
    """The domain of a known key; an unknown key is an `InputError`."""
    if key in _DOMAINS:
        return _DOMAINS[key]
    if _ORIGIN_KEY.match(key):
        return SHARE if key.endswith(".share") else NON_NEGATIVE
    if key in _KNOWN_KEYS:
        return NON_NEGATIVE
    raise InputError(key, "unknown input")


def known_keys() -> frozenset[str]:
    """Every fixed key (origins aside); the docs' reference table lists each of them."""
    return _KNOWN_KEYS


@dataclass(frozen=True)
class Input:
    """One scenario input: its value, unit and where the number comes from."""

    value: Value
    unit: str
    source: str


@dataclass(frozen=True)
class Scenario:
    """A named, validated set of inputs for one mode."""

    name: str
    mode: Mode
    model: str
    inputs: dict[str, Input] = field(default_factory=dict)

    def number(self, key: str) -> float:
        value = self.inputs[key].value
        assert isinstance(value, float), key
        return value

    def word(self, key: str) -> str:
        return str(self.inputs[key].value)

    def values(self) -> dict[str, Value]:
        """Every input actually used, as plain values (the JSON `inputs`)."""
        return {key: item.value for key, item in sorted(self.inputs.items())}

    def with_values(self, overrides: dict[str, object], source: str = "--set") -> Scenario:
        """A copy with some values replaced; each key must already be an input of this mode."""
        inputs = dict(self.inputs)
        for key, raw in overrides.items():
            if key not in inputs:
                raise InputError(key, f"not an input of {self.name} in {self.mode} mode")
            inputs[key] = Input(domain_of(key).check(key, raw), inputs[key].unit, source)
        return replace(self, inputs=inputs)


def _read_yaml(name: str) -> dict[str, Any]:
    text = resources.files("vip.simulation").joinpath("presets", f"{name}.yaml").read_text()
    data = yaml.safe_load(text)
    assert isinstance(data, dict), name
    return data


def preset_names() -> list[str]:
    """The presets a user can name (files under presets/ not starting with an underscore)."""
    folder = resources.files("vip.simulation").joinpath("presets")
    names = (Path(item.name).stem for item in folder.iterdir() if item.name.endswith(".yaml"))
    return sorted(name for name in names if not name.startswith("_"))


def load_preset(name: str, mode: Mode = Mode.ACCOUNTING) -> Scenario:
    """A preset's inputs for one mode; a mode's section may inherit a shared file."""
    if name not in preset_names():
        raise InputError("preset", f"unknown preset {name!r}; known: {', '.join(preset_names())}")
    section = _read_yaml(name).get(mode)
    if section is None:
        raise InputError("mode", f"preset {name} has no {mode} mode")
    return Scenario(name=name, mode=mode, model=str(section["model"]), inputs=inherited(section))


def inherited(section: dict[str, Any]) -> dict[str, Input]:
    """A section's inputs over those of the shared file it `inherits:`, which may inherit in turn
    (vip-us's equilibrium: _equilibrium over _us), so that no file restates its parent's inputs."""
    inputs = inherited(_read_yaml(section["inherits"])) if "inherits" in section else {}
    inputs.update(_parse_inputs(section["inputs"] or {}))
    return inputs


def _parse_inputs(raw: dict[str, Any]) -> dict[str, Input]:
    parsed = {}
    for key, item in raw.items():
        entry = item if isinstance(item, dict) else {"value": item}
        value = domain_of(key).check(key, entry.get("value"))
        parsed[key] = Input(value, str(entry.get("unit", "")), str(entry.get("source", "")))
    return parsed


def mode_of(raw: object) -> Mode:
    """The mode a word names; an InputError for any other word."""
    if raw not in list(Mode):
        raise InputError("mode", f"must be {' or '.join(Mode)}, got {raw!r}")
    return Mode(str(raw))


def load_scenario_file(path: Path, mode: Mode | None = None) -> Scenario:
    """A scenario file: `preset:` (a base), `mode:`, and `inputs:` overriding the preset's."""
    try:
        text = path.read_text()
    except OSError as error:
        raise InputError("scenario", f"cannot read {path}: {error}") from None
    return read_scenario(text, str(path), path.stem, mode)


def read_scenario(text: str, source: str, name: str, mode: Mode | None = None) -> Scenario:
    """A scenario file's text (see load_scenario_file); `source` is what its inputs cite, `name`
    its name when it gives none."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError("scenario", f"cannot read {source}: {error}") from None
    if not isinstance(data, dict) or "preset" not in data:
        raise InputError("preset", f"{source} must name a `preset:` to start from")
    chosen = mode or mode_of(data.get("mode", Mode.ACCOUNTING))
    base = load_preset(str(data["preset"]), chosen)
    raw = data.get("inputs") or {}
    if not isinstance(raw, dict):
        raise InputError("inputs", f"{source}: `inputs:` must map keys to values")
    overrides = {str(key): _plain_value(item) for key, item in raw.items()}
    scenario = base.with_values(overrides, source=source)
    return replace(scenario, name=str(data.get("name", name)))


def scenario_text(preset: str, scenario: Scenario) -> str:
    """The scenario as a file `vip simulate` reads: the preset it starts from, its mode, and the
    inputs whose values differ from the preset's."""
    base = load_preset(preset, scenario.mode)
    changed = {
        key: item.value
        for key, item in sorted(scenario.inputs.items())
        if base.inputs[key].value != item.value
    }
    data = {"name": scenario.name, "preset": preset, "mode": str(scenario.mode), "inputs": changed}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@dataclass(frozen=True)
class BookFigure:
    """A figure the book states for a preset: the outcome's JSON key, its value, the quote."""

    figure: str
    value: float
    source: str


def book_figures(name: str) -> list[BookFigure]:
    """The figures the book states for a preset (its `book:` section), in the file's order."""
    if name not in preset_names():
        raise InputError("preset", f"unknown preset {name!r}; known: {', '.join(preset_names())}")
    raw = _read_yaml(name).get("book") or {}
    return [BookFigure(key, float(item["value"]), str(item["source"])) for key, item in raw.items()]


def preset_description(name: str) -> str:
    return str(_read_yaml(name).get("description", ""))


def preset_modes(name: str) -> list[Mode]:
    data = _read_yaml(name)
    return [mode for mode in Mode if mode in data]


def _plain_value(item: object) -> object:
    return item["value"] if isinstance(item, dict) else item


def parse_assignment(text: str) -> tuple[str, object]:
    """`dotted.key=value` into (key, value); a number when it reads as one."""
    key, separator, raw = text.partition("=")
    if not separator or not key.strip():
        raise InputError(text, "expected dotted.key=value")
    return key.strip(), _number_or_word(raw.strip())


def _number_or_word(raw: str) -> object:
    try:
        return float(raw.replace("_", ""))
    except ValueError:
        return raw

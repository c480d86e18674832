"""What a simulation reports: the JSON contract of `vip simulate --json`.

Every money figure is in USD per year. A figure that does not apply to a mode or mechanism is None
(null in JSON), never zero, so that a reader can tell "nothing" from "not computed".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from vip.simulation.inequality import Decomposition, Measures


@dataclass(frozen=True)
class SimulationOutcome:
    scenario: str
    mode: str
    mechanism: str
    migrants: float
    price_per_migrant_year: float | None
    host_income_change_pct: float | None
    dividend_per_citizen_year: float | None
    gain_per_family_of_four_year: float | None
    gain_per_sponsor_year: float | None
    sponsor_participation_rate: float | None
    migrant_net_gain_year: float | None
    migrant_income_multiple: float | None
    global_income_change_pct: float | None
    native_wage_change_pct: float | None
    inequality_before: Measures | None
    inequality_after: Measures | None
    inputs: dict[str, float | str]
    details: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The contract's keys, then `inequality` {before, after}, `inputs` and the details."""
        data = asdict(self)
        for key in ("inequality_before", "inequality_after", "details", "inputs"):
            del data[key]
        data["inequality"] = {
            "before": None if self.inequality_before is None else self.inequality_before.to_json(),
            "after": None if self.inequality_after is None else self.inequality_after.to_json(),
        }
        data["inputs"] = dict(self.inputs)
        data.update(self.details)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SimulationOutcome:
        """The outcome `to_json` gave (a stored run's), to plot it again."""
        names = {item.name for item in fields(cls)} - {"inequality_before", "inequality_after"}
        inequality = data.get("inequality") or {}
        return cls(
            **{key: data[key] for key in names - {"inputs", "details"}},
            inequality_before=_measures(inequality.get("before")),
            inequality_after=_measures(inequality.get("after")),
            inputs=dict(data["inputs"]),
            details={k: v for k, v in data.items() if k not in names and k != "inequality"},
        )


def _measures(data: dict[str, Any] | None) -> Measures | None:
    if data is None:
        return None
    parts = data.get("decomposition")
    return Measures(
        equalization_gain_pct=data["equalization_gain_pct"],
        gini=data["gini"],
        mean_log_deviation=data["mean_log_deviation"],
        decomposition=None if parts is None else Decomposition(**parts),
    )

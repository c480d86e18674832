"""Plots of an outcome and of a sweep, PNG and SVG, with matplotlib's Agg backend (no display)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from vip.simulation.outcome import SimulationOutcome

# Text stays text in the SVG (not paths): a page with four plots stays light and searchable.
matplotlib.rcParams["svg.fonttype"] = "none"
matplotlib.rcParams["svg.hashsalt"] = "vip"  # the same figure gives the same file

FORMATS = ("png", "svg")
MILLION = 1e6


def _save(figure: Figure, folder: Path, name: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{name}.{suffix}" for suffix in FORMATS]
    figure.tight_layout()
    for path in paths:
        figure.savefig(path, dpi=120, metadata={"Date": None} if path.suffix == ".svg" else {})
    plt.close(figure)
    return paths


def _plot(folder: Path, name: str, draw: Callable[[Axes], None]) -> list[Path]:
    figure, axes = plt.subplots(figsize=(7, 4.5))
    draw(axes)
    return _save(figure, folder, name)


def supply_and_demand(outcome: SimulationOutcome) -> Callable[[Axes], None]:
    def draw(axes: Axes) -> None:
        curves = outcome.details["curves"]
        assert isinstance(curves, dict)
        numbers = [n / MILLION for n in curves["migrants"]]
        axes.plot(numbers, curves["supply_price"], label="hosts' required transfer (supply)")
        axes.plot(numbers, curves["demand_price"], label="migrants' payment (demand)")
        axes.axvline(outcome.migrants / MILLION, color="grey", linestyle="--", label="equilibrium")
        if outcome.price_per_migrant_year is not None:
            axes.plot([outcome.migrants / MILLION], [outcome.price_per_migrant_year], "ko")
        axes.set_ylim(bottom=0, top=max(curves["demand_price"][0], 1.0) * 1.5)
        axes.set(xlabel="sponsorships (millions)", ylabel="USD per migrant per year")
        axes.set_title(f"{outcome.scenario}: {outcome.mechanism}")
        axes.legend()

    return draw


def gains_by_decile(outcome: SimulationOutcome) -> Callable[[Axes], None]:
    def draw(axes: Axes) -> None:
        gains = outcome.details["gains_by_native_income_decile"]
        assert isinstance(gains, list)
        axes.bar(range(1, len(gains) + 1), gains)
        axes.set(
            xlabel="native income decile (1 = poorest)", ylabel="mean gain, USD per adult per year"
        )
        axes.set_title("Who gains among natives")

    return draw


def migrant_income(outcome: SimulationOutcome) -> Callable[[Axes], None]:
    def draw(axes: Axes) -> None:
        incomes = outcome.details.get("migrant_income_before_after")
        assert isinstance(incomes, dict)
        axes.bar(["at home", "in the host country"], [incomes["home"], incomes["host"]])
        axes.set(ylabel="USD per migrant per year")
        axes.set_title("Admitted migrants' income, before and after")

    return draw


def inequality(outcome: SimulationOutcome) -> Callable[[Axes], None]:
    def draw(axes: Axes) -> None:
        before, after = outcome.inequality_before, outcome.inequality_after
        assert before is not None and after is not None
        names = ["Gini", "mean log deviation"]
        axes.bar([0, 1], [before.gini, before.mean_log_deviation], width=0.4, label="before")
        axes.bar([0.4, 1.4], [after.gini, after.mean_log_deviation], width=0.4, label="after")
        axes.set_xticks([0.2, 1.2], names)
        axes.set_title("Inequality among natives and migrants")
        axes.legend()

    return draw


def outcome_plots(outcome: SimulationOutcome, folder: Path) -> list[Path]:
    """Every plot that applies to this outcome; returns the files written."""
    paths: list[Path] = []
    if "curves" in outcome.details:
        paths += _plot(folder, "supply_demand", supply_and_demand(outcome))
        paths += _plot(folder, "gains_by_decile", gains_by_decile(outcome))
    if "migrant_income_before_after" in outcome.details:
        paths += _plot(folder, "migrant_income", migrant_income(outcome))
    if outcome.inequality_before is not None:
        paths += _plot(folder, "inequality", inequality(outcome))
    return paths


SWEEP_PANELS = (
    ("migrants", "migrants (millions)", MILLION),
    ("gain_per_sponsor_year", "gain per sponsor (USD/year)", 1.0),
    ("sponsor_participation_rate", "adults sponsoring (share)", 1.0),
    ("price_per_migrant_year", "price per migrant (USD/year)", 1.0),
)


def sweep_figure(
    key: str, values: Sequence[float], outcomes: Sequence[SimulationOutcome]
) -> Figure:
    """How the number of migrants, the gains and the participation respond to one input."""
    figure, panels = plt.subplots(2, 2, figsize=(10, 7), sharex=True)
    for axes, (field, label, scale) in zip(panels.flat, SWEEP_PANELS, strict=True):
        figures = [getattr(outcome, field) for outcome in outcomes]
        points = [(x, y / scale) for x, y in zip(values, figures, strict=True) if y is not None]
        axes.plot([x for x, _ in points], [y for _, y in points], marker="o")
        axes.set(ylabel=label)
    for axes in panels[1]:
        axes.set(xlabel=key)
    figure.suptitle(f"{outcomes[0].scenario}: sweep of {key}")
    return figure


def sweep_plot(
    key: str, values: Sequence[float], outcomes: Sequence[SimulationOutcome], folder: Path
) -> list[Path]:
    return _save(sweep_figure(key, values, outcomes), folder, f"sweep_{key.replace('.', '_')}")


PLOTS: dict[str, Callable[[SimulationOutcome], Callable[[Axes], None]]] = {
    "supply_demand": supply_and_demand,
    "gains_by_decile": gains_by_decile,
    "migrant_income": migrant_income,
    "inequality": inequality,
}


def plot_names(outcome: SimulationOutcome) -> list[str]:
    """The plots that apply to this outcome, as outcome_plots draws them."""
    names = ["supply_demand", "gains_by_decile"] if "curves" in outcome.details else []
    if "migrant_income_before_after" in outcome.details:
        names.append("migrant_income")
    if outcome.inequality_before is not None:
        names.append("inequality")
    return names


def svg(figure: Figure) -> str:
    """A figure as SVG text, for a page to show (nothing written to disk)."""
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


def outcome_svg(outcome: SimulationOutcome, name: str) -> str:
    figure, axes = plt.subplots(figsize=(7, 4.5))
    PLOTS[name](outcome)(axes)
    return svg(figure)
